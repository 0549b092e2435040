-- K2's Orleans schema for PostgreSQL, part 3: grain state (Microsoft.Orleans.Persistence.AdoNet).
--
-- Orleans identifies a state row by service, grain type and grain id, handing over the id both split into numbers
-- (N0/N1 for Guid and integer keys) and as a string (the key extension, or the whole key of a string-keyed grain),
-- plus hashes of both. The version is Orleans' ETag: every successful write, clear or delete must be conditional on
-- the version the grain last saw, and report the new one. Any other answer is a conflict, which Orleans raises as
-- InconsistentStateException.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    id                     bigint      GENERATED ALWAYS AS IDENTITY,
    serviceid              text        NOT NULL,
    graintypehash          integer     NOT NULL,
    graintypestring        text        NOT NULL,
    grainidhash            integer     NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    grainidextensionstring text        NULL,
    payloadbinary          bytea       NULL,
    modifiedon             timestamptz NOT NULL DEFAULT now(),
    version                integer     NOT NULL,
    CONSTRAINT pk_orleans_grain_state PRIMARY KEY (id)
);

-- A symbol's state is mostly its message-id ring (random UUIDs, incompressible), written at every flush. TOAST's
-- default compression (pglz) was tried on each write: ~2 % fewer bytes for the largest share of the server's CPU
-- while a flush persists (docs/benchmarks.md, "Freshness, session 11"). EXTERNAL still moves large payloads out of
-- line but never compresses them. Altered only when needed: ALTER TABLE takes a lock, and this runs at every start.
DO $storage$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_attribute
               WHERE attrelid = 'orleans_grain_state'::regclass AND attname = 'payloadbinary' AND attstorage <> 'e') THEN
        ALTER TABLE orleans_grain_state ALTER COLUMN payloadbinary SET STORAGE EXTERNAL;
    END IF;
END
$storage$;

-- One row per grain, enforced by the database: if two activations of one grain ever race to write its first state
-- (e.g. during a membership split), exactly one insert wins. NULLS NOT DISTINCT (PostgreSQL 15+) makes "no key
-- extension" a value like any other. The hashes lead so lookups narrow quickly.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleans_grain_state_grain
    ON orleans_grain_state (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring,
                            grainidextensionstring)
    NULLS NOT DISTINCT;

-- A grain with no known version (ETag NULL) may only create its row; a grain with a version may only replace the
-- row still at that version. NULL back means "conflict".
CREATE OR REPLACE FUNCTION k2_orleans_write_grain_state(
    p_grain_id_hash     integer,
    p_grain_id_n0       bigint,
    p_grain_id_n1       bigint,
    p_grain_type_hash   integer,
    p_grain_type        text,
    p_grain_id_ext      text,
    p_service_id        text,
    p_expected_version  integer,
    p_payload           bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    new_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO orleans_grain_state
            (serviceid, graintypehash, graintypestring, grainidhash, grainidn0, grainidn1, grainidextensionstring,
             payloadbinary, version)
        VALUES
            (p_service_id, p_grain_type_hash, p_grain_type, p_grain_id_hash, p_grain_id_n0, p_grain_id_n1,
             p_grain_id_ext, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO new_version;
    ELSE
        UPDATE orleans_grain_state
        SET payloadbinary = p_payload, modifiedon = now(), version = version + 1
        WHERE grainidhash = p_grain_id_hash
          AND graintypehash = p_grain_type_hash
          AND serviceid = p_service_id
          AND grainidn0 = p_grain_id_n0
          AND grainidn1 = p_grain_id_n1
          AND graintypestring = p_grain_type
          AND grainidextensionstring IS NOT DISTINCT FROM p_grain_id_ext
          AND version = p_expected_version
        RETURNING version INTO new_version;
    END IF;
    RETURN new_version;
END
$fn$;

INSERT INTO orleansquery (querykey, querytext)
VALUES
    ('WriteToStorageKey', $q$
        SELECT k2_orleans_write_grain_state(
            @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
            @ServiceId, @GrainStateVersion, @PayloadBinary) AS newgrainstateversion
    $q$),

    ('ReadFromStorageKey', $q$
        SELECT payloadbinary, version
        FROM orleans_grain_state
        WHERE grainidhash = @GrainIdHash
          AND graintypehash = @GrainTypeHash
          AND serviceid = @ServiceId
          AND grainidn0 = @GrainIdN0
          AND grainidn1 = @GrainIdN1
          AND graintypestring = @GrainTypeString
          AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    $q$),

    -- Clearing keeps the row (and so the version sequence) with no payload.
    ('ClearStorageKey', $q$
        UPDATE orleans_grain_state
        SET payloadbinary = NULL, modifiedon = now(), version = version + 1
        WHERE grainidhash = @GrainIdHash
          AND graintypehash = @GrainTypeHash
          AND serviceid = @ServiceId
          AND grainidn0 = @GrainIdN0
          AND grainidn1 = @GrainIdN1
          AND graintypestring = @GrainTypeString
          AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
          AND version = @GrainStateVersion
        RETURNING version AS newgrainstateversion
    $q$),

    -- Used instead of ClearStorageKey when a storage is configured with DeleteStateOnClear. Orleans expects a
    -- version different from the grain's ETag on success, so the deleted row's version + 1 is reported.
    ('DeleteStorageKey', $q$
        DELETE FROM orleans_grain_state
        WHERE grainidhash = @GrainIdHash
          AND graintypehash = @GrainTypeHash
          AND serviceid = @ServiceId
          AND grainidn0 = @GrainIdN0
          AND grainidn1 = @GrainIdN1
          AND graintypestring = @GrainTypeString
          AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
          AND version = @GrainStateVersion
        RETURNING version + 1 AS newgrainstateversion
    $q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
