/// The software's own name and release, as `clusternode --version` prints it. The minor number
/// counts the capabilities released so far; it changes with every release of the node.
public enum NodeSoftware {
    public static let name = "clusternode"
    public static let version = "0.15.0"
}
