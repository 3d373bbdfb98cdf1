import Foundation

let status = await Switchboard.main(Array(CommandLine.arguments.dropFirst()))
exit(status)
