import FuzzSupport

FuzzDriver.main { FrontMatterFuzz.check($0) }
