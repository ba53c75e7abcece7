// fragment first_events(c, events, named)
// Of the events c, the first of each fact, in one record: [key, event id, before] (the before
// kept when it is null: the fact did not exist yet), and the people those facts name.
WITH {{c}} ORDER BY {{c}}.id
WITH {{c}}.key AS first_key, head(collect([{{c}}.id, {{c}}.before, {{c}}.people])) AS first_event
RETURN collect([first_key, first_event[0], first_event[1]]) AS {{events}},
       reduce(first_named = [], f IN collect(first_event[2]) | first_named + f) AS {{named}}
