-- What preflight judges a host by: libvirt's capabilities (machine types and their aliases' canonical names,
-- emulators) and domain capabilities per virtualization type (usable CPU models, the host-model expansion,
-- device models), as libvirt returned them. A new row only when they changed (sha256 over both).
create table host_capabilities (
    id                  bigserial primary key,
    host_id             bigint not null references hosts(id),
    observed_at         timestamptz not null,
    sha256              text not null,
    capabilities        text not null,
    -- {"kvm": "<domainCapabilities>...", "qemu": "..."}: the types this host can run
    domain_capabilities jsonb not null default '{}'
);
create index host_capabilities_host on host_capabilities (host_id, observed_at desc, id desc);

alter table host_capabilities enable row level security;
create policy host_scope on host_capabilities
    using ((select abiguard_bound_host()) is null or host_id = (select abiguard_bound_host()));

-- Grants for fleets whose roles were created before V9/V10 (scripts/db-roles.sql gives the same when run again):
-- without them an existing agent login could not write its next pass.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'abiguard_agent') then
        grant select, insert on host_capabilities, locks to abiguard_agent;
        grant update (name) on locks to abiguard_agent;
        grant select, insert on gate_decisions to abiguard_agent;
        grant select on host_logins to abiguard_agent;
        grant usage on all sequences in schema public to abiguard_agent;
        grant execute on function abiguard_move_in(bigint, uuid[], timestamptz) to abiguard_agent;
    end if;
    if exists (select 1 from pg_roles where rolname = 'abiguard_operator') then
        grant select, insert on host_capabilities, locks to abiguard_operator;
        grant update (name) on locks to abiguard_operator;
        grant select, insert on gate_decisions to abiguard_operator;
        grant select on host_logins to abiguard_operator;
        grant usage on all sequences in schema public to abiguard_operator;
        grant execute on function abiguard_move_in(bigint, uuid[], timestamptz) to abiguard_operator;
    end if;
    if exists (select 1 from pg_roles where rolname = 'abiguard_reader') then
        grant select on host_capabilities, host_logins to abiguard_reader;
    end if;
end
$$;
