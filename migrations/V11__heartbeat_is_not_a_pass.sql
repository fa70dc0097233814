-- V9's clock trigger turned a host login's first heartbeat into a pass: least(null, now()) is now(), so a host
-- that had never archived anything looked as if it had. The last pass is only capped at the database's clock,
-- never created by it.
create or replace function hosts_clock_for_host_logins() returns trigger
    language plpgsql as $$
begin
    if public.abiguard_bound_host() is not null then
        if new.last_heartbeat_at is distinct from old.last_heartbeat_at then
            new.last_heartbeat_at := now();
        end if;
        if new.last_pass_at is not null then
            new.last_pass_at := least(new.last_pass_at, now());
        end if;
    end if;
    return new;
end
$$;
