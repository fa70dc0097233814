-- Least privilege across a fleet. Each hypervisor gets a database login of its own (abiguard db grant-host),
-- bound here to its host row; row-level security then lets that login read and write only its host's rows.
-- Logins that are not host logins (the owner that runs migrations, operators, readers, an old-style unbound
-- agent) are not restricted by these policies: their table grants (scripts/db-roles.sql) decide.
-- The owner of the tables bypasses row-level security (not forced), so a single host or a lab keeps working.

-- A login bound to a host. A revoked binding keeps its row: versions its login wrote stay attributable, the
-- name is never bound to another host, and a role that could not be dropped still sees nothing.
create table host_logins (
    login      text primary key,
    host_id    bigint not null references hosts(id),
    granted_at timestamptz not null default now(),
    granted_by text not null default session_user,
    revoked_at timestamptz
);
create unique index host_logins_active on host_logins (host_id) where revoked_at is null;

-- The host the session's login archives: its host id; -1 for a revoked host login (sees nothing); null for a
-- login that is not a host login (unrestricted by the policies below).
create function abiguard_bound_host() returns bigint
    language sql stable security definer set search_path = pg_catalog, pg_temp as $$
    select case when l.login is null then null when l.revoked_at is null then l.host_id else -1 end
    from (select 1) one
    left join public.host_logins l on l.login = session_user
$$;

create function abiguard_bound_host_name() returns text
    language sql stable security definer set search_path = pg_catalog, pg_temp as $$
    select h.name from public.host_logins l join public.hosts h on h.id = l.host_id
    where l.login = session_user and l.revoked_at is null
$$;

-- Named locks as rows (taken with SELECT ... FOR UPDATE, held for a transaction): unlike advisory locks, which
-- any login can take under any key, a host login can lock only rows its policy shows it, so one host cannot
-- hold another's audit or pass lock, nor a restore's. A host's locks are named 'host:<id>:<purpose>'.
create table locks (
    name    text primary key,
    host_id bigint references hosts(id),
    check ((host_id is null and name not like 'host:%') or name like 'host:' || host_id || ':%')
);

-- Provenance: who wrote each version (the session's login, whatever the client says) and the SHA-256 of
-- its XML as the database computed it; restore recomputes and compares both. Null for versions written
-- before this migration.
alter table domain_versions add column written_by text;
alter table domain_versions add column xml_sha256 text;
update domain_versions set xml_sha256 = encode(sha256(convert_to(xml, 'UTF8')), 'hex');

create function domain_versions_provenance() returns trigger
    language plpgsql as $$
begin
    new.written_by := session_user;
    new.xml_sha256 := encode(sha256(convert_to(new.xml, 'UTF8')), 'hex');
    return new;
end
$$;
create trigger domain_versions_provenance before insert on domain_versions
    for each row execute function domain_versions_provenance();

-- Archived versions are immutable except for last_seen, whoever asks (the grants already say so for agents).
create function domain_versions_immutable() returns trigger
    language plpgsql as $$
begin
    if (new.domain_id, new.version, new.kind, new.sha256, new.xml, new.first_seen, new.host_id, new.pass_id,
        new.written_by, new.xml_sha256) is distinct from
       (old.domain_id, old.version, old.kind, old.sha256, old.xml, old.first_seen, old.host_id, old.pass_id,
        old.written_by, old.xml_sha256) then
        raise exception 'archived domain versions are immutable (only last_seen changes)';
    end if;
    return new;
end
$$;
create trigger domain_versions_immutable before update on domain_versions
    for each row execute function domain_versions_immutable();

-- A host with a login archives with that login only: another login (even the owner's) writing a pass for it
-- would make versions the host's evacuation then refuses as not written by the host.
create function passes_by_host_login() returns trigger
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    bound text;
begin
    select login into bound from public.host_logins where host_id = new.host_id and revoked_at is null;
    if bound is not null and bound <> session_user then
        raise exception 'host % archives with its own database login; login % may not write its passes',
            (select name from public.hosts where id = new.host_id), session_user;
    end if;
    return new;
end
$$;
create trigger passes_by_host_login before insert on passes
    for each row execute function passes_by_host_login();

-- A host login's heartbeat and last pass are the database's clock at most: it cannot make itself look alive
-- later than it wrote, nor move its last pass into the future.
create function hosts_clock_for_host_logins() returns trigger
    language plpgsql as $$
begin
    if public.abiguard_bound_host() is not null then
        if new.last_heartbeat_at is distinct from old.last_heartbeat_at then
            new.last_heartbeat_at := now();
        end if;
        new.last_pass_at := least(new.last_pass_at, now());
    end if;
    return new;
end
$$;
create trigger hosts_clock_for_host_logins before update on hosts
    for each row execute function hosts_clock_for_host_logins();

-- A domain seen on host p_host that the archive has on another host becomes p_host's, with a move row.
-- A host login may move a domain in only once its old host released it (a pass there no longer saw it) or
-- the old host is marked down: it cannot take another live host's domains (and their history) by claiming
-- their UUIDs. Returns the UUIDs left where they are; the pass skips them until the old host lets go.
create function abiguard_move_in(p_host bigint, p_uuids uuid[], p_at timestamptz) returns setof uuid
    language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
    bound bigint := public.abiguard_bound_host();
    d record;
begin
    if bound is not null and bound <> p_host then
        raise exception 'login % archives another host; it cannot move domains to host id %', session_user, p_host;
    end if;
    if bound is null and not has_column_privilege(session_user, 'public.domains', 'host_id', 'UPDATE') then
        raise exception 'permission denied: login % may not move domains', session_user;
    end if;
    for d in select dm.id, dm.uuid, dm.host_id, dm.gone_since, h.marked_down_at
             from public.domains dm join public.hosts h on h.id = dm.host_id
             where dm.uuid = any(p_uuids) and dm.host_id <> p_host
             order by dm.id for update of dm loop
        if bound is not null and d.gone_since is null and d.marked_down_at is null then
            return next d.uuid;
            continue;
        end if;
        update public.domains set host_id = p_host, gone_since = null where id = d.id;
        insert into public.domain_moves (domain_id, from_host_id, to_host_id, moved_at) values (d.id, d.host_id, p_host, p_at);
    end loop;
end
$$;
revoke all on function abiguard_move_in(bigint, uuid[], timestamptz) from public;

-- The policies. (select abiguard_bound_host()) is evaluated once per statement.
alter table hosts enable row level security;
create policy host_scope on hosts
    using ((select abiguard_bound_host()) is null or id = (select abiguard_bound_host()));

alter table host_facts enable row level security;
create policy host_scope on host_facts
    using ((select abiguard_bound_host()) is null or host_id = (select abiguard_bound_host()));

alter table passes enable row level security;
create policy host_scope on passes
    using ((select abiguard_bound_host()) is null or host_id = (select abiguard_bound_host()));

alter table domains enable row level security;
create policy host_scope on domains
    using ((select abiguard_bound_host()) is null or host_id = (select abiguard_bound_host()));

alter table domain_moves enable row level security;
create policy host_scope on domain_moves
    using ((select abiguard_bound_host()) is null
           or to_host_id = (select abiguard_bound_host()) or from_host_id = (select abiguard_bound_host()))
    with check ((select abiguard_bound_host()) is null);

-- A host login reads the history of the domains it has now (a domain that moved in brings its history: the
-- next version number and the versions to close are in it) and writes versions only as itself, for its own
-- domains, in its own passes.
alter table domain_versions enable row level security;
create policy host_scope on domain_versions
    using ((select abiguard_bound_host()) is null
           or domain_id in (select id from domains where host_id = (select abiguard_bound_host())))
    with check ((select abiguard_bound_host()) is null
           or (host_id = (select abiguard_bound_host())
               and domain_id in (select id from domains where host_id = (select abiguard_bound_host()))
               and pass_id in (select id from passes where host_id = (select abiguard_bound_host()))));

alter table baselines enable row level security;
create policy host_scope on baselines
    using ((select abiguard_bound_host()) is null
           or domain_id in (select id from domains where host_id = (select abiguard_bound_host())))
    with check ((select abiguard_bound_host()) is null);

alter table gate_decisions enable row level security;
create policy host_scope on gate_decisions
    using ((select abiguard_bound_host()) is null or host_id = (select abiguard_bound_host()));

alter table restores enable row level security;
create policy host_scope on restores
    using ((select abiguard_bound_host()) is null);

alter table locks enable row level security;
create policy host_scope on locks
    using ((select abiguard_bound_host()) is null or host_id = (select abiguard_bound_host()));

alter table host_logins enable row level security;
create policy host_scope on host_logins
    using ((select abiguard_bound_host()) is null or login = session_user)
    with check ((select abiguard_bound_host()) is null);
