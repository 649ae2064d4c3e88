import FuzzSupport

FuzzDriver.main { PathsFuzz.check($0) }
