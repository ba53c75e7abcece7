RETURN EXISTS { MATCH (:Person {id: $person_id, workspace: $workspace}) } AS person_exists,
       EXISTS { MATCH (:Ladder {id: $ladder_id, workspace: $workspace}) } AS ladder_exists,
       EXISTS { MATCH (:StatusLevel {ladder: $ladder_id, rank: $rank, workspace: $workspace}) }
         AS level_exists
