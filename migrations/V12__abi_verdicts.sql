-- libvirt is the judge: each version drift compares, judged against its baseline by the host's own libvirt
-- (its ABI check, virDomainSaveImageDefineXML on a hand-written save image), once, by the pass after the one that
-- archived it. Drift and the reports show this verdict; the rules only explain it, and decide alone where no row is.
create table abi_verdicts (
    id               bigserial primary key,
    domain_id        bigint not null references domains(id),
    baseline_version int not null,
    observed_version int not null,
    -- accepted / refused: libvirt's answer; unjudged: libvirt could not take one side alone (an emulator or
    -- machine type the judging host lacks), so the rules judge this pair for good, and message says why
    outcome          text not null check (outcome in ('accepted', 'refused', 'unjudged')),
    judge            text not null,            -- 'libvirt 9.0.0' (the judging daemon's version), or 'rules'
    message          text,                     -- libvirt's refusal, or why it could not judge; null when accepted
    host_id          bigint not null references hosts(id),   -- whose libvirt judged
    judged_by        text not null default session_user,
    judged_at        timestamptz not null default now(),
    unique (domain_id, baseline_version, observed_version)
);

-- A host login judges only its own domains, as its own host; everyone else by their grants (db-roles.sql).
alter table abi_verdicts enable row level security;
create policy host_scope on abi_verdicts
    using ((select abiguard_bound_host()) is null
           or domain_id in (select id from domains where host_id = (select abiguard_bound_host())))
    with check ((select abiguard_bound_host()) is null
           or (host_id = (select abiguard_bound_host())
               and domain_id in (select id from domains where host_id = (select abiguard_bound_host()))));

-- Who decided a gate decision's libvirt_abi: 'libvirt 9.0.0' or 'rules' (null for decisions before this migration).
alter table gate_decisions add column judge text;

-- Grants for roles created before this migration (scripts/db-roles.sql gives the same when run again).
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'abiguard_agent') then
        grant select, insert on abi_verdicts to abiguard_agent;
        grant usage on all sequences in schema public to abiguard_agent;
    end if;
    if exists (select 1 from pg_roles where rolname = 'abiguard_operator') then
        grant select, insert on abi_verdicts to abiguard_operator;
        grant usage on all sequences in schema public to abiguard_operator;
    end if;
    if exists (select 1 from pg_roles where rolname = 'abiguard_reader') then
        grant select on abi_verdicts to abiguard_reader;
    end if;
end
$$;
