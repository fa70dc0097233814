-- The archive: hosts, their facts over time, domains (identity = libvirt UUID),
-- every distinct XML a domain has had, and one row per host per snapshot pass.
-- Timestamps are timestamptz (UTC on the wire); durations are milliseconds.

create table hosts (
    id                 bigserial primary key,
    name               text not null unique,
    first_seen         timestamptz not null default now(),
    -- end of the last successful snapshot pass: the "last seen" of every current version on this host
    last_pass_at       timestamptz,
    last_heartbeat_at  timestamptz,
    marked_down_at     timestamptz,
    marked_down_reason text
);

-- A new row only when a fact changed (facts_sha256 differs from the host's latest row).
create table host_facts (
    id                 bigserial primary key,
    host_id            bigint not null references hosts(id),
    observed_at        timestamptz not null default now(),
    facts_sha256       text not null,
    libvirt_uri        text not null,
    libvirt_version    text not null,
    hypervisor_type    text not null,
    hypervisor_version text not null,
    kernel_release     text,
    boot_id            text,
    cpu_model          text,
    cpu_vendor         text,
    machine_types      text[] not null default '{}'
);
create index host_facts_host_observed on host_facts (host_id, observed_at desc);

create table domains (
    id          bigserial primary key,
    uuid        uuid not null unique,
    name        text not null,
    host_id     bigint not null references hosts(id),
    first_seen  timestamptz not null default now(),
    -- null while the domain exists; set when a pass of its host no longer finds it
    gone_since  timestamptz
);
create index domains_host on domains (host_id) where gone_since is null;
create index domains_name on domains (name);

-- The same UUID seen on another host than the one it was last archived on.
create table domain_moves (
    id           bigserial primary key,
    domain_id    bigint not null references domains(id),
    from_host_id bigint not null references hosts(id),
    to_host_id   bigint not null references hosts(id),
    moved_at     timestamptz not null default now()
);

create table passes (
    id               bigserial primary key,
    host_id          bigint not null references hosts(id),
    started_at       timestamptz not null,
    finished_at      timestamptz not null,
    duration_ms      bigint not null,
    domains_seen     int not null,
    domains_running  int not null,
    versions_added   int not null,
    domains_gone     int not null,
    domains_skipped  int not null,
    outcome          text not null check (outcome in ('ok', 'partial'))
);
create index passes_host_finished on passes (host_id, finished_at desc);

-- One row per distinct content of a domain's inactive or live XML.
-- version numbers one sequence per domain across both kinds, so "version 5" names one XML.
-- sha256 is over the XML with live-only volatile data removed (see ContentDigest);
-- xml is the document as libvirt returned it when this content was first seen.
create table domain_versions (
    id          bigserial primary key,
    domain_id   bigint not null references domains(id),
    version     int not null,
    kind        text not null check (kind in ('inactive', 'live')),
    sha256      text not null,
    xml         text not null,
    first_seen  timestamptz not null,
    -- null while this is the domain's current version of its kind; then the host's last_pass_at is its last sighting
    last_seen   timestamptz,
    host_id     bigint not null references hosts(id),
    pass_id     bigint not null references passes(id),
    unique (domain_id, version)
);
-- the latest version of each kind per domain: one index probe per domain in a pass
create index domain_versions_latest on domain_versions (domain_id, kind, version desc);
