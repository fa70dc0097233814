-- Accepted baselines: a person took a domain's inactive version as its new baseline, closing the
-- findings open against the previous one. Without a row, a domain's baseline is its first archived
-- inactive version. Append-only: the latest row per domain is in force.
create table baselines (
    id              bigserial primary key,
    domain_id       bigint not null references domains(id),
    version         int not null,
    accepted_at     timestamptz not null default now(),
    accepted_by     text not null,
    reason          text not null,
    -- the findings this acceptance closed, in the contract's JSON shape
    closed_findings jsonb not null default '[]',
    foreign key (domain_id, version) references domain_versions (domain_id, version)
);
create index baselines_domain on baselines (domain_id, id desc);
