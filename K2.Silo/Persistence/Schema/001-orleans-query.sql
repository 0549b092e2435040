-- K2's Orleans schema for PostgreSQL, part 1: the query catalogue.
--
-- The Orleans ADO.NET providers ship no SQL. At start-up each provider runs
-- `SELECT QueryKey, QueryText FROM OrleansQuery` and from then on executes only the texts it found there, binding
-- its own named parameters (@DeploymentId, @GrainIdHash, ...) and reading result columns by name. So this table's
-- name and its two column names are fixed by the providers; everything else (tables, functions, the texts) is K2's.
--
-- Every script here is re-applied at every silo start (OrleansSchemaInstaller, one transaction under an advisory
-- lock), so each statement must be idempotent. Changing the shape of an existing table needs an explicit migration
-- step: CREATE TABLE IF NOT EXISTS leaves an existing table untouched.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);
