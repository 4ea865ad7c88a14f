import OGPAnalysis
print(Analyzer.snowballStem("données"))
