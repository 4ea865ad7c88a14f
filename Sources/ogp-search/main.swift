print("ogp-search")
