/// What every stage after ingest works from: the project's folders, its registry and its settings.
public struct StageContext: Sendable {
  public let workspace: Workspace
  public let registry: Registry
  public let config: Config

  public init(workspace: Workspace, registry: Registry, config: Config) {
    self.workspace = workspace
    self.registry = registry
    self.config = config
  }
}

/// A stage that works from a `StageContext`, and reads its parts by name.
protocol WorksOnContext {
  var context: StageContext { get }
}

extension WorksOnContext {
  var workspace: Workspace { context.workspace }
  var registry: Registry { context.registry }
  var config: Config { context.config }
}
