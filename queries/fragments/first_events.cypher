// fragment first_events(c, events, named)
// Of the events c, the first of each fact, in one record: [key, event id, before] (the before
// kept when it is null: the fact did not exist yet), and the people those facts name, a list per
// fact (joined into one list by a reduce, each join copied all before it: quadratic in the
// facts, most of the past read's time at 100,000 people).
WITH {{c}} ORDER BY {{c}}.id
WITH {{c}}.key AS first_key, head(collect([{{c}}.id, {{c}}.before, {{c}}.people])) AS first_event
RETURN collect([first_key, first_event[0], first_event[1]]) AS {{events}},
       collect(first_event[2]) AS {{named}}
