import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Words a failure to listen the way an operator can act on; NIO's own text (the system call and
/// its errno) goes to the debug log only.
public enum ListenFailure {
    /// What went wrong listening on `host:port`, or nil when `error` is not a listening failure.
    public static func describe(_ error: any Error, host: String, port: Int) -> String? {
        guard let io = error as? IOError else { return nil }
        switch io.errnoCode {
        case EADDRINUSE:
            return "port \(port) on \(host) is in use by another program (another clusternode serve?): stop it, "
                + "or choose another port with --port (0 picks a free one)"
        case EACCES:
            return "no permission to listen on port \(port) (ports below 1024 need privileges): choose another "
                + "with --port"
        case EADDRNOTAVAIL:
            return "\(host) is not an address of this machine: use --host 127.0.0.1, or 0.0.0.0 for every address"
        default:
            return nil
        }
    }
}
