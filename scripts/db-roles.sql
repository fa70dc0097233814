-- Least-privilege roles for a fleet's archive database. Idempotent: run it again after every
-- migration (new tables need their grants). Run in the archive database as its owner or a superuser:
--   psql -d abiguard -f scripts/db-roles.sql
-- Then give each hypervisor a host login (abiguard db grant-host HOST --login NAME --password-file F, which
-- also runs this script): a member of abiguard_agent that row-level security binds to its host's rows (V9).
-- Dashboards get a login in abiguard_reader, people who accept drift, mark hosts down or restore one in
-- abiguard_operator, e.g.:
--   create role dashboard login password '...' in role abiguard_reader;
-- A plain member of abiguard_agent that is not a host login is not bound to a host: fine for a lab, not for
-- a fleet.
--
-- abiguard_agent:    snapshot/audit/daemon. Appends archive rows and heartbeats; updates only the
--                    columns a pass maintains (a version's last_seen, a domain's name/host/gone-since,
--                    a host's last pass and heartbeat). Never deletes, never rewrites archived XML,
--                    never accepts, marks hosts down or restores.
-- abiguard_reader:   drift, report, history, show, host list. Reads everything, writes nothing.
-- abiguard_operator: the agent's rights plus accept (baselines), host mark-down, restore (restores,
--                    moving a domain) and retention (deleting superseded live versions).

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'abiguard_agent') then
        create role abiguard_agent nologin;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'abiguard_reader') then
        create role abiguard_reader nologin;
    end if;
    if not exists (select 1 from pg_roles where rolname = 'abiguard_operator') then
        create role abiguard_operator nologin;
    end if;
end
$$;

grant usage on schema public to abiguard_agent, abiguard_reader, abiguard_operator;
grant select on all tables in schema public to abiguard_agent, abiguard_reader, abiguard_operator;

grant insert on hosts, host_facts, host_capabilities, domains, passes, domain_versions, gate_decisions, abi_verdicts to abiguard_agent, abiguard_operator;
grant update (last_pass_at, last_heartbeat_at) on hosts to abiguard_agent, abiguard_operator;
grant update (name, host_id, gone_since) on domains to abiguard_agent, abiguard_operator;
grant update (last_seen) on domain_versions to abiguard_agent, abiguard_operator;
grant usage on all sequences in schema public to abiguard_agent, abiguard_operator;
-- Moves go through abiguard_move_in (V9), which lets a host login take a domain only once its old host let go.
grant insert on domain_moves to abiguard_operator;
-- Named locks (V9): rows a login locks with SELECT ... FOR UPDATE (which needs an UPDATE grant).
grant insert, update (name) on locks to abiguard_agent, abiguard_operator;
do $$
begin
    if exists (select 1 from pg_proc where proname = 'abiguard_move_in') then
        grant execute on function abiguard_move_in(bigint, uuid[], timestamptz) to abiguard_agent, abiguard_operator;
    end if;
end
$$;

-- The daemon's Quartz job store: Quartz manages these rows itself, and deserialises what they hold, so only
-- the operator's login (the daemon that runs the fleet jobs) writes them; a host login's daemon runs no
-- fleet jobs. Agents lose the rights earlier versions of this script gave them.
do $$
declare
    t text;
begin
    for t in select tablename from pg_tables where schemaname = 'public' and tablename like 'qrtz\_%' loop
        execute format('revoke insert, update, delete, truncate on %I from abiguard_agent', t);
        execute format('grant select, insert, update, delete on %I to abiguard_operator', t);
    end loop;
end
$$;

grant insert on baselines, restores to abiguard_operator;
grant update (marked_down_at, marked_down_reason) on hosts to abiguard_operator;
grant delete on domain_versions to abiguard_operator;
