-- Decisions of the libvirt qemu hook (abiguard gate): each start, incoming migration or restore of a guest
-- that the hook judged against the guest's baseline, imported once from the host's local journal by the
-- next pass. They are drift context ("booted with this drift at T", "start refused at T").
create table gate_decisions (
    id           uuid primary key,            -- the journal entry's id: importing twice inserts once
    host_id      bigint not null references hosts(id),
    domain_uuid  uuid not null,
    domain_name  text not null,
    decided_at   timestamptz not null,
    operation    text not null,               -- prepare | migrate | restore
    mode         text not null check (mode in ('warn', 'enforce', 'off')),
    -- allowed: no guest-visible finding; warned: started with drift; refused: start refused;
    -- first-boot: no baseline yet; failed-open: abiguard could not decide and let the guest start
    verdict      text not null check (verdict in ('allowed', 'warned', 'refused', 'first-boot', 'failed-open')),
    findings     jsonb not null,
    imported_at  timestamptz not null default now()
);
create index gate_decisions_domain on gate_decisions (domain_uuid, decided_at);
