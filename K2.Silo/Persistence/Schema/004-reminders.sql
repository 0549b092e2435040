-- K2's Orleans schema for PostgreSQL, part 4: reminders (Microsoft.Orleans.Reminders.AdoNet).
--
-- One row per (service, grain, reminder name). The version is the reminder's ETag: an upsert always succeeds and
-- reports the new version; a delete succeeds only at the version the caller holds. Silos load reminders by ranges
-- of the grain hash (their share of the ring), passed as signed integers.

CREATE TABLE IF NOT EXISTS orleans_reminder
(
    serviceid    text        NOT NULL,
    grainid      text        NOT NULL,
    remindername text        NOT NULL,
    starttime    timestamptz NOT NULL,
    -- Milliseconds; Orleans reads it with GetInt64.
    period       bigint      NOT NULL,
    grainhash    integer     NOT NULL,
    version      integer     NOT NULL,
    CONSTRAINT pk_orleans_reminder PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX IF NOT EXISTS ix_orleans_reminder_range ON orleans_reminder (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext)
VALUES
    ('UpsertReminderRowKey', $q$
        INSERT INTO orleans_reminder (serviceid, grainid, remindername, starttime, period, grainhash, version)
        VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
        ON CONFLICT ON CONSTRAINT pk_orleans_reminder DO UPDATE
        SET starttime = EXCLUDED.starttime,
            period = EXCLUDED.period,
            grainhash = EXCLUDED.grainhash,
            version = orleans_reminder.version + 1
        RETURNING version
    $q$),

    ('ReadReminderRowsKey', $q$
        SELECT grainid, remindername, starttime, period, version
        FROM orleans_reminder
        WHERE serviceid = @ServiceId
          AND grainid = @GrainId
    $q$),

    ('ReadReminderRowKey', $q$
        SELECT grainid, remindername, starttime, period, version
        FROM orleans_reminder
        WHERE serviceid = @ServiceId
          AND grainid = @GrainId
          AND remindername = @ReminderName
    $q$),

    -- The range (BeginHash, EndHash] does not wrap around in signed order.
    ('ReadRangeRows1Key', $q$
        SELECT grainid, remindername, starttime, period, version
        FROM orleans_reminder
        WHERE serviceid = @ServiceId
          AND grainhash > @BeginHash
          AND grainhash <= @EndHash
    $q$),

    -- The range wraps around: everything above BeginHash plus everything up to EndHash.
    ('ReadRangeRows2Key', $q$
        SELECT grainid, remindername, starttime, period, version
        FROM orleans_reminder
        WHERE serviceid = @ServiceId
          AND (grainhash > @BeginHash OR grainhash <= @EndHash)
    $q$),

    ('DeleteReminderRowKey', $q$
        WITH deleted AS (
            DELETE FROM orleans_reminder
            WHERE serviceid = @ServiceId
              AND grainid = @GrainId
              AND remindername = @ReminderName
              AND version = @Version
            RETURNING 1)
        SELECT count(*)::integer FROM deleted
    $q$),

    ('DeleteReminderRowsKey', $q$
        DELETE FROM orleans_reminder
        WHERE serviceid = @ServiceId
    $q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
