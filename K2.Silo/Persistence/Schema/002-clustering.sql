-- K2's Orleans schema for PostgreSQL, part 2: cluster membership (Microsoft.Orleans.Clustering.AdoNet).
--
-- Orleans' DeploymentId is ClusterOptions.ClusterId. Each cluster has one version row; each silo incarnation
-- (address, port, generation) has one member row. Orleans changes membership optimistically: it reads the table
-- with its version, then asks to insert or update a row "if the version is still N". A change that succeeds bumps
-- the version exactly once; a change that loses must leave no trace and report 0. Heartbeats (IAmAliveTime) are
-- not membership changes and leave the version alone.
--
-- Status values are Orleans' SiloStatus: 3 = Active, 6 = Dead.

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deploymentid text        NOT NULL,
    version      integer     NOT NULL DEFAULT 0,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_orleans_membership_version PRIMARY KEY (deploymentid)
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deploymentid text        NOT NULL,
    address      text        NOT NULL,
    port         integer     NOT NULL,
    generation   integer     NOT NULL,
    siloname     text        NOT NULL,
    hostname     text        NOT NULL,
    status       integer     NOT NULL,
    -- Orleans reads it with GetInt32, so "no gateway" is 0, never NULL.
    proxyport    integer     NOT NULL DEFAULT 0,
    suspecttimes text        NULL,
    starttime    timestamptz NOT NULL,
    iamalivetime timestamptz NOT NULL,
    CONSTRAINT pk_orleans_membership PRIMARY KEY (deploymentid, address, port, generation),
    -- Deleting a cluster's version row (DeleteMembershipTableEntriesKey) takes its members with it.
    CONSTRAINT fk_orleans_membership_version FOREIGN KEY (deploymentid)
        REFERENCES orleans_membership_version (deploymentid) ON DELETE CASCADE
);

-- Both membership writers start here: lock the cluster's version row and check it is still at the caller's
-- version. A concurrent writer therefore either committed first (this call sees another version and writes
-- nothing) or waits until this one commits. Checking before writing means a losing call never has to undo
-- anything, so no exception handling or ASSERT (which a server may disable with plpgsql.check_asserts) is involved.
CREATE OR REPLACE FUNCTION k2_orleans_lock_membership_version(p_deployment_id text, p_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
    current_version integer;
BEGIN
    SELECT v.version INTO current_version
    FROM orleans_membership_version AS v
    WHERE v.deploymentid = p_deployment_id
    FOR UPDATE;
    RETURN coalesce(current_version = p_version, false);
END
$fn$;

-- ...and end here once their row change succeeded: one successful change, one new version.
CREATE OR REPLACE FUNCTION k2_orleans_bump_membership_version(p_deployment_id text)
RETURNS void
LANGUAGE sql
AS $fn$
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deploymentid = p_deployment_id;
$fn$;

CREATE OR REPLACE FUNCTION k2_orleans_insert_member(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    inserted integer;
BEGIN
    IF NOT k2_orleans_lock_membership_version(p_deployment_id, p_version) THEN
        RETURN 0;
    END IF;

    INSERT INTO orleans_membership
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         p_start_time, p_i_am_alive_time)
    ON CONFLICT ON CONSTRAINT pk_orleans_membership DO NOTHING;
    GET DIAGNOSTICS inserted = ROW_COUNT;
    IF inserted = 0 THEN
        RETURN 0;
    END IF;

    PERFORM k2_orleans_bump_membership_version(p_deployment_id);
    RETURN 1;
END
$fn$;

CREATE OR REPLACE FUNCTION k2_orleans_update_member(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    updated integer;
BEGIN
    IF NOT k2_orleans_lock_membership_version(p_deployment_id, p_version) THEN
        RETURN 0;
    END IF;

    UPDATE orleans_membership
    SET status = p_status, suspecttimes = p_suspect_times, iamalivetime = p_i_am_alive_time
    WHERE deploymentid = p_deployment_id
      AND address = p_address
      AND port = p_port
      AND generation = p_generation;
    GET DIAGNOSTICS updated = ROW_COUNT;
    IF updated = 0 THEN
        RETURN 0;
    END IF;

    PERFORM k2_orleans_bump_membership_version(p_deployment_id);
    RETURN 1;
END
$fn$;

-- The texts Orleans runs. Result column names matter (Orleans reads them by name, case-insensitively);
-- single-value results are read as "non-zero means success".
INSERT INTO orleansquery (querykey, querytext)
VALUES
    ('InsertMembershipVersionKey', $q$
        WITH inserted AS (
            INSERT INTO orleans_membership_version (deploymentid)
            VALUES (@DeploymentId)
            ON CONFLICT ON CONSTRAINT pk_orleans_membership_version DO NOTHING
            RETURNING 1)
        SELECT count(*)::integer FROM inserted
    $q$),

    ('InsertMembershipKey', $q$
        SELECT k2_orleans_insert_member(
            @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
            @StartTime, @IAmAliveTime, @Version)
    $q$),

    ('UpdateMembershipKey', $q$
        SELECT k2_orleans_update_member(
            @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version)
    $q$),

    ('UpdateIAmAlivetimeKey', $q$
        UPDATE orleans_membership
        SET iamalivetime = @IAmAliveTime
        WHERE deploymentid = @DeploymentId
          AND address = @Address
          AND port = @Port
          AND generation = @Generation
    $q$),

    -- One statement, so the version and the row come from the same snapshot. The outer join returns the version
    -- row even when the silo has no member row yet (then StartTime is NULL, which Orleans reads as "no entry").
    ('MembershipReadRowKey', $q$
        SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
               m.suspecttimes, m.starttime, m.iamalivetime, v.version
        FROM orleans_membership_version AS v
        LEFT JOIN orleans_membership AS m
               ON m.deploymentid = v.deploymentid
              AND m.address = @Address
              AND m.port = @Port
              AND m.generation = @Generation
        WHERE v.deploymentid = @DeploymentId
    $q$),

    ('MembershipReadAllKey', $q$
        SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
               m.suspecttimes, m.starttime, m.iamalivetime, v.version
        FROM orleans_membership_version AS v
        LEFT JOIN orleans_membership AS m ON m.deploymentid = v.deploymentid
        WHERE v.deploymentid = @DeploymentId
    $q$),

    ('DeleteMembershipTableEntriesKey', $q$
        DELETE FROM orleans_membership_version
        WHERE deploymentid = @DeploymentId
    $q$),

    -- Clients (and silos' gateway lists) look for Active silos that host a gateway.
    ('GatewaysQueryKey', $q$
        SELECT address, proxyport, generation
        FROM orleans_membership
        WHERE deploymentid = @DeploymentId
          AND status = @Status
          AND proxyport > 0
    $q$),

    -- Only rows of silos already declared Dead, silent since before the cut-off, are garbage; anything else may
    -- still be a live silo that is slow to heartbeat.
    ('CleanupDefunctSiloEntriesKey', $q$
        DELETE FROM orleans_membership
        WHERE deploymentid = @DeploymentId
          AND status = 6
          AND iamalivetime < @IAmAliveTime
          AND starttime < @IAmAliveTime
    $q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
