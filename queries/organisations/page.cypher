CALL () {
  MATCH (o:Organisation {workspace: $workspace})
  WHERE ($kind IS NULL OR o.kind = $kind)
    AND ($search IS NULL OR toLower(o.name) CONTAINS $search)
    AND ($industry IS NULL OR o.industry = $industry)
    AND ($size_band IS NULL OR o.size_band = $size_band)
    AND ($revenue_band IS NULL OR o.revenue_band = $revenue_band)
    AND ($country IS NULL OR o.country = $country)
    AND ($region IS NULL OR o.region = $region)
    AND ($technology IS NULL OR $technology IN o.technologies)
  RETURN count(o) AS total
}
CALL () {
  MATCH (o:Organisation {workspace: $workspace})
  WHERE o.id > coalesce($after, '')
    AND ($kind IS NULL OR o.kind = $kind)
    AND ($search IS NULL OR toLower(o.name) CONTAINS $search)
    AND ($industry IS NULL OR o.industry = $industry)
    AND ($size_band IS NULL OR o.size_band = $size_band)
    AND ($revenue_band IS NULL OR o.revenue_band = $revenue_band)
    AND ($country IS NULL OR o.country = $country)
    AND ($region IS NULL OR o.region = $region)
    AND ($technology IS NULL OR $technology IN o.technologies)
  WITH o ORDER BY o.id LIMIT $first + 1
  RETURN collect(o) AS page
}
RETURN total, size(page) > $first AS has_next, [x IN page[0..$first] | x {.*}] AS items
