// fragment higher_status(level, own)
({{level}} IS NOT NULL AND {{own}} IS NOT NULL AND {{level}}.rank > {{own}}.rank)
