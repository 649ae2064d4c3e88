import FuzzSupport

FuzzDriver.main { SVGFuzz.check($0) }
