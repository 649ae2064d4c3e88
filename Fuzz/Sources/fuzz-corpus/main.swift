import FuzzSupport

FuzzDriver.main { CorpusLoaderFuzz.check($0) }
