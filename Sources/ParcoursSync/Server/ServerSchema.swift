import ParcoursCore

/// The cohort store's schema on PostgreSQL, as numbered migrations applied in order, each in
/// its own transaction with its row in `parcours.schema_migration` (`ServerMigrator`).
/// A migration is only ever appended; its text never changes once released.
///
/// - 1 `tables`: participants, enrollments and the append-only event table, keyed by
///   (enrollment, seq), with an idempotency key derived from (participant, path, attempt,
///   seq) and a SHA-256 of the content; a trigger refuses UPDATE, DELETE and TRUNCATE even
///   to the owner.
/// - 2 `roles`: group roles `parcours_learner` and `parcours_facilitator`, row-level
///   security on every table, and the functions that are the only way in:
///   `append_runs` (SECURITY DEFINER: a learner writes as themself, through the server's
///   own checks), `add_learner`, `add_facilitator`, `whoami`.
public enum ServerSchema {
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var statements: [String]
    }

    public static let migrations: [Migration] = [
        Migration(version: 1, name: "tables", statements: tables),
        Migration(version: 2, name: "roles", statements: roles),
    ]

    /// The version this parcours writes and reads.
    public static var currentVersion: Int { migrations.map(\.version).max() ?? 0 }

    /// The event types the server accepts: the log's whole vocabulary, from Core.
    static var eventTypeList: String {
        EventType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// The same limits as import's validation (`LogValidation.Limits`, docs/reliability.md).
    static let limits = LogValidation.Limits()
    static var earliestMilliseconds: Int64 { Int64(limits.earliest.timeIntervalSince1970 * 1_000) }
    static var futureSlackMilliseconds: Int64 { Int64(limits.futureSlack * 1_000) }

    private static let tables: [String] = [
        """
        CREATE SCHEMA parcours
        """,
        """
        CREATE TABLE parcours.schema_migration (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now())
        """,
        """
        CREATE TABLE parcours.participant (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          name text NOT NULL UNIQUE,
          created_at bigint NOT NULL)
        """,
        """
        CREATE TABLE parcours.enrollment (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          participant_id bigint NOT NULL REFERENCES parcours.participant,
          course_id text NOT NULL,
          path_id text NOT NULL,
          course_version text NOT NULL,
          cohort text,
          attempt integer NOT NULL CHECK (attempt >= 1),
          started_at bigint NOT NULL,
          finished_at bigint,
          UNIQUE (participant_id, path_id, attempt))
        """,
        """
        CREATE TABLE parcours.event (
          enrollment_id bigint NOT NULL REFERENCES parcours.enrollment,
          seq integer NOT NULL CHECK (seq >= 1),
          participant_id bigint NOT NULL REFERENCES parcours.participant,
          type text NOT NULL,
          step_id text,
          payload text NOT NULL,
          at bigint NOT NULL,
          active_ms bigint NOT NULL CHECK (active_ms >= 0),
          key uuid NOT NULL UNIQUE,
          content_hash bytea NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (enrollment_id, seq))
        """,
        """
        CREATE INDEX event_participant ON parcours.event (participant_id)
        """,
        """
        CREATE INDEX enrollment_cohort_path ON parcours.enrollment (cohort, path_id)
        """,
        """
        CREATE FUNCTION parcours.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'parcours.event is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$
        """,
        """
        CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON parcours.event
          FOR EACH STATEMENT EXECUTE FUNCTION parcours.refuse_change()
        """,
    ]

    private static let roles: [String] = [
        """
        DO $$ BEGIN
          -- Roles are the cluster's, shared by its databases: another database's init may
          -- create them at the same moment.
          BEGIN
            CREATE ROLE parcours_learner NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
          BEGIN
            CREATE ROLE parcours_facilitator NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
        END $$
        """,
        """
        CREATE TABLE parcours.learner (
          role_name name PRIMARY KEY,
          participant_id bigint NOT NULL UNIQUE REFERENCES parcours.participant,
          cohort text NOT NULL)
        """,
        """
        CREATE TABLE parcours.facilitator_cohort (
          role_name name NOT NULL,
          cohort text NOT NULL,
          PRIMARY KEY (role_name, cohort))
        """,
        """
        CREATE INDEX learner_cohort ON parcours.learner (cohort)
        """,
        """
        CREATE FUNCTION parcours.visible_participants() RETURNS SETOF bigint
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = parcours, pg_temp AS $$
          SELECT participant_id FROM parcours.learner WHERE role_name = session_user
          UNION
          SELECT l.participant_id FROM parcours.learner l
            JOIN parcours.facilitator_cohort f ON f.cohort = l.cohort
           WHERE f.role_name = session_user
        $$
        """,
        """
        ALTER TABLE parcours.participant ENABLE ROW LEVEL SECURITY
        """,
        """
        ALTER TABLE parcours.enrollment ENABLE ROW LEVEL SECURITY
        """,
        """
        ALTER TABLE parcours.event ENABLE ROW LEVEL SECURITY
        """,
        """
        ALTER TABLE parcours.learner ENABLE ROW LEVEL SECURITY
        """,
        """
        CREATE POLICY visible ON parcours.participant FOR SELECT TO parcours_learner, parcours_facilitator
          USING (id IN (SELECT parcours.visible_participants()))
        """,
        """
        CREATE POLICY visible ON parcours.enrollment FOR SELECT TO parcours_learner, parcours_facilitator
          USING (participant_id IN (SELECT parcours.visible_participants()))
        """,
        """
        CREATE POLICY visible ON parcours.event FOR SELECT TO parcours_learner, parcours_facilitator
          USING (participant_id IN (SELECT parcours.visible_participants()))
        """,
        """
        CREATE POLICY visible ON parcours.learner FOR SELECT TO parcours_learner, parcours_facilitator
          USING (participant_id IN (SELECT parcours.visible_participants()))
        """,
        """
        REVOKE ALL ON SCHEMA parcours FROM PUBLIC
        """,
        """
        GRANT USAGE ON SCHEMA parcours TO parcours_learner, parcours_facilitator
        """,
        """
        GRANT SELECT ON parcours.participant, parcours.enrollment, parcours.event, parcours.learner
          TO parcours_learner, parcours_facilitator
        """,
        """
        REVOKE ALL ON FUNCTION parcours.visible_participants() FROM PUBLIC
        """,
        """
        GRANT EXECUTE ON FUNCTION parcours.visible_participants() TO parcours_learner, parcours_facilitator
        """,
        """
        REVOKE ALL ON FUNCTION parcours.refuse_change() FROM PUBLIC
        """,
        """
        CREATE FUNCTION parcours.append_runs(runs jsonb)
        RETURNS TABLE (run integer, status text, added integer, present integer, detail text)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = parcours, pg_temp AS $fn$
        DECLARE
          r jsonb;
          e jsonb;
          me record;
          writer_is_admin boolean;
          pid bigint;
          enr record;
          last_seq integer;
          last_at bigint;
          last_type text;
          finished boolean;
          v_seq integer;
          v_type text;
          v_at bigint;
          v_active bigint;
          v_key uuid;
          v_hash bytea;
          old_hash bytea;
          label text;
          problem text;
          stated jsonb;
          now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
        BEGIN
          SELECT l.role_name, l.participant_id, l.cohort, p.name INTO me
            FROM parcours.learner l JOIN parcours.participant p ON p.id = l.participant_id
           WHERE l.role_name = session_user;
          IF NOT FOUND THEN
            writer_is_admin := (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
              OR pg_has_role(session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'parcours'), 'MEMBER');
            IF NOT writer_is_admin THEN
              RAISE EXCEPTION 'role % is not a learner of this database', session_user
                USING ERRCODE = 'insufficient_privilege';
            END IF;
          END IF;
          run := 0;
          FOR r IN SELECT value FROM jsonb_array_elements(runs) LOOP
            run := run + 1;
            added := 0;
            present := 0;
            detail := NULL;
            label := format('%s''s attempt %s at %s/%s', r->>'participant', r->>'attempt', r->>'course_id', r->>'path_id');
            IF me.role_name IS NOT NULL THEN
              IF r->>'participant' IS DISTINCT FROM me.name THEN
                RAISE EXCEPTION 'role % writes as % only, not as %', session_user, me.name, r->>'participant'
                  USING ERRCODE = 'insufficient_privilege';
              END IF;
              IF r->>'cohort' IS NOT NULL AND r->>'cohort' <> me.cohort THEN
                RAISE EXCEPTION 'role % belongs to cohort %, not %', session_user, me.cohort, r->>'cohort'
                  USING ERRCODE = 'insufficient_privilege';
              END IF;
              pid := me.participant_id;
            ELSE
              INSERT INTO parcours.participant (name, created_at) VALUES (r->>'participant', (r->>'created_at')::bigint)
                ON CONFLICT (name) DO NOTHING;
              SELECT id INTO pid FROM parcours.participant WHERE name = r->>'participant';
            END IF;
            IF (r->>'attempt')::integer NOT BETWEEN 1 AND \(limits.maximumAttempt) THEN
              RAISE EXCEPTION '%: attempt % is out of range (1 to \(limits.maximumAttempt)) [attempt]', label, r->>'attempt'
                USING ERRCODE = 'check_violation';
            END IF;
            INSERT INTO parcours.enrollment (participant_id, course_id, path_id, course_version, cohort, attempt, started_at)
              VALUES (pid, r->>'course_id', r->>'path_id', r->>'course_version', r->>'cohort',
                      (r->>'attempt')::integer, (r->>'started_at')::bigint)
              ON CONFLICT (participant_id, path_id, attempt) DO NOTHING;
            SELECT * INTO enr FROM parcours.enrollment
             WHERE participant_id = pid AND path_id = r->>'path_id' AND attempt = (r->>'attempt')::integer
               FOR UPDATE;
            IF enr.course_id <> r->>'course_id' OR enr.course_version <> r->>'course_version'
               OR enr.started_at <> (r->>'started_at')::bigint OR enr.cohort IS DISTINCT FROM r->>'cohort' THEN
              status := 'conflict';
              detail := format('%s differs on the server (%s)', label, concat_ws(', ',
                CASE WHEN enr.course_id <> r->>'course_id' THEN 'course' END,
                CASE WHEN enr.course_version <> r->>'course_version' THEN 'course version' END,
                CASE WHEN enr.cohort IS DISTINCT FROM r->>'cohort' THEN 'cohort' END,
                CASE WHEN enr.started_at <> (r->>'started_at')::bigint THEN 'start time' END));
              RETURN NEXT;
              CONTINUE;
            END IF;
            SELECT ev.seq, ev.at, ev.type INTO last_seq, last_at, last_type FROM parcours.event ev
             WHERE ev.enrollment_id = enr.id ORDER BY ev.seq DESC LIMIT 1;
            finished := last_type = 'finished';
            status := 'ok';
            FOR e IN SELECT value FROM jsonb_array_elements(r->'events') LOOP
              v_seq := (e->>'seq')::integer;
              v_type := e->>'type';
              v_at := (e->>'at')::bigint;
              v_active := (e->>'active_ms')::bigint;
              v_key := md5(concat_ws('/', r->>'participant', r->>'path_id', r->>'attempt', v_seq))::uuid;
              v_hash := sha256(convert_to(concat_ws(chr(31), v_type, coalesce(e->>'step_id', ''), e->>'payload',
                v_at, v_active), 'UTF8'));
              SELECT content_hash INTO old_hash FROM parcours.event WHERE enrollment_id = enr.id AND seq = v_seq;
              IF FOUND THEN
                IF old_hash = v_hash THEN
                  present := present + 1;
                  CONTINUE;
                END IF;
                status := 'conflict';
                detail := format('%s: event %s is not the same on the server', label, v_seq);
                EXIT;
              END IF;
              IF v_seq <> coalesce(last_seq, 0) + 1 THEN
                status := 'conflict';
                detail := format('%s: the server''s log stops at event %s, not %s', label, coalesce(last_seq, 0), v_seq - 1);
                EXIT;
              END IF;
              problem := NULL;
              IF v_seq > \(limits.maximumEvents) THEN problem := 'over the limit of \(limits.maximumEvents) events [size]';
              ELSIF (v_seq = 1) <> (v_type = 'started') THEN problem := 'only the first event is a started event [sequence]';
              ELSIF v_type NOT IN (\(eventTypeList)) THEN problem := format('unknown event type %s [payload]', v_type);
              ELSIF finished THEN problem := 'an event follows the finished event [after-finish]';
              ELSIF v_at < \(earliestMilliseconds) OR v_at > now_ms + \(futureSlackMilliseconds) THEN
                problem := 'its time is outside 2000-01-01 to tomorrow [date-range]';
              ELSIF v_seq = 1 AND v_at <> enr.started_at THEN
                problem := 'the attempt''s start is not its started event''s time [time-order]';
              ELSIF v_seq > 1 AND v_at < last_at THEN problem := 'it is earlier than the event before it [time-order]';
              ELSIF v_active NOT BETWEEN 0 AND \(limits.maximumActiveMilliseconds) THEN
                problem := format('%s ms of active time is out of range (0 to a day) [active-time]', v_active);
              ELSIF v_active > coalesce(v_at - last_at, 0) + 1000 THEN
                problem := format('%s ms of active time, but only %s ms passed since the event before [active-time]',
                  v_active, coalesce(v_at - last_at, 0));
              ELSIF octet_length(e->>'payload') > 262144 THEN problem := 'its payload is over 256 KiB [size]';
              END IF;
              IF problem IS NULL THEN
                BEGIN
                  stated := (e->>'payload')::jsonb;
                EXCEPTION WHEN others THEN
                  problem := 'its payload is not JSON [payload]';
                END;
              END IF;
              IF problem IS NULL AND v_seq = 1 THEN
                IF stated ? 'attempt' AND (stated->>'attempt')::integer <> enr.attempt THEN
                  problem := format('the log says attempt %s, the enrollment %s [attempt]', stated->>'attempt', enr.attempt);
                ELSIF stated ? 'pathID' AND stated->>'pathID' <> enr.path_id THEN
                  problem := format('the log follows path ''%s'', the enrollment ''%s'' [attempt]', stated->>'path', enr.path_id);
                END IF;
              END IF;
              IF problem IS NOT NULL THEN
                RAISE EXCEPTION '%: event %: %', label, v_seq, problem USING ERRCODE = 'check_violation';
              END IF;
              INSERT INTO parcours.event (enrollment_id, seq, participant_id, type, step_id, payload, at, active_ms, key, content_hash)
                VALUES (enr.id, v_seq, pid, v_type, e->>'step_id', e->>'payload', v_at, v_active, v_key, v_hash);
              IF v_type = 'finished' THEN
                UPDATE parcours.enrollment SET finished_at = v_at WHERE id = enr.id;
                finished := true;
              END IF;
              last_seq := v_seq;
              last_at := v_at;
              added := added + 1;
            END LOOP;
            RETURN NEXT;
          END LOOP;
        END
        $fn$
        """,
        """
        REVOKE ALL ON FUNCTION parcours.append_runs(jsonb) FROM PUBLIC
        """,
        """
        GRANT EXECUTE ON FUNCTION parcours.append_runs(jsonb) TO parcours_learner
        """,
        """
        CREATE FUNCTION parcours.add_learner(learner_name text, cohort_name text, role_name text, secret text)
        RETURNS void LANGUAGE plpgsql SET search_path = parcours, pg_temp AS $fn$
        DECLARE
          pid bigint;
        BEGIN
          EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE parcours_learner', role_name, secret);
          INSERT INTO parcours.participant (name, created_at)
            VALUES (learner_name, (extract(epoch FROM now()) * 1000)::bigint) ON CONFLICT (name) DO NOTHING;
          SELECT id INTO pid FROM parcours.participant WHERE name = learner_name;
          INSERT INTO parcours.learner (role_name, participant_id, cohort) VALUES (role_name, pid, cohort_name);
        END
        $fn$
        """,
        """
        CREATE FUNCTION parcours.add_facilitator(role_name text, secret text, cohorts text[])
        RETURNS void LANGUAGE plpgsql SET search_path = parcours, pg_temp AS $fn$
        BEGIN
          EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE parcours_facilitator', role_name, secret);
          INSERT INTO parcours.facilitator_cohort (role_name, cohort) SELECT role_name, unnest(cohorts);
        END
        $fn$
        """,
        """
        REVOKE ALL ON FUNCTION parcours.add_learner(text, text, text, text) FROM PUBLIC
        """,
        """
        REVOKE ALL ON FUNCTION parcours.add_facilitator(text, text, text[]) FROM PUBLIC
        """,
        """
        CREATE FUNCTION parcours.whoami() RETURNS TABLE (participant text, cohort text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = parcours, pg_temp AS $fn$
          SELECT p.name, l.cohort FROM parcours.learner l JOIN parcours.participant p ON p.id = l.participant_id
           WHERE l.role_name = session_user
        $fn$
        """,
        """
        REVOKE ALL ON FUNCTION parcours.whoami() FROM PUBLIC
        """,
        """
        GRANT EXECUTE ON FUNCTION parcours.whoami() TO parcours_learner, parcours_facilitator
        """,
        """
        GRANT SELECT ON parcours.schema_migration TO parcours_learner, parcours_facilitator
        """,
    ]
}
