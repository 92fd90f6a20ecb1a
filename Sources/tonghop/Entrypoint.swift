import Foundation
import TonghopCLI

@main
struct Entrypoint {
  static func main() {
    exit(TonghopCommand.execute(Array(CommandLine.arguments.dropFirst())))
  }
}
