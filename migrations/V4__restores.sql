-- Evacuation restores: every attempt, refused or done, with the checks it ran. A restore defines an
-- archived inactive version on a healthy host; the domain's host then becomes the target.
create table restores (
    id            bigserial primary key,
    domain_id     bigint not null references domains(id),
    version       int not null,
    from_host_id  bigint not null references hosts(id),
    to_host       text not null,
    target_uri    text not null,
    requested_by  text not null,
    started_at    timestamptz not null,
    finished_at   timestamptz not null,
    -- [{"name", "ok", "detail"}] in the order they ran
    checks        jsonb not null,
    -- defined | dry-run | refused | failed
    result        text not null check (result in ('defined', 'dry-run', 'refused', 'failed')),
    message       text not null
);
create index restores_domain on restores (domain_id, id desc);
