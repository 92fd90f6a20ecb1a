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
