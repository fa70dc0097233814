-- Drift candidates without touching every domain: a domain can only have open drift once it has a
-- second inactive version or a second live version, i.e. a version numbered 3 or more, or a version 2
-- that is inactive (1 inactive + 1 live is a guest started from its only definition). This partial
-- index lists exactly those domains; DriftDao.states starts from it (its predicate must match).
create index domain_versions_changed on domain_versions (domain_id)
    where version >= 3 or (version = 2 and kind = 'inactive');
