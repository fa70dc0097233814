-- A restore is recorded before libvirt is asked to define anything ('defining', finished_at null) and
-- completed afterwards, so a definition on a target can never exist without a row saying who started it:
-- if the database is lost in between, the row stays 'defining' and says so.
alter table restores alter column finished_at drop not null;
alter table restores drop constraint restores_result_check;
alter table restores add constraint restores_result_check
    check (result in ('defining', 'defined', 'dry-run', 'refused', 'failed'));
