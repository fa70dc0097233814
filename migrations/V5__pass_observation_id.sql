-- Each pass carries the id of the observation it wrote, so replaying a spooled pass twice (a crash
-- between writing and deleting the spool file) writes it once. Null for passes before this migration.
alter table passes add column observation_id uuid;
create unique index passes_observation_id on passes (observation_id) where observation_id is not null;
