import Foundation
import NIOCore
import NIOPosix

/// A TCP proxy on loopback between a puller and a serving node, for fault tests: it passes bytes
/// through (TLS stays end to end), can cut a response after a number of bytes, and can slow every
/// response read down.
public final class TCPProxy: @unchecked Sendable {
    // `mode` is read on the event loop and set by tests between syncs; the lock makes that safe.
    public enum Mode: Sendable {
        case passThrough
        /// Close both connections once this many response bytes went through.
        case cutAfter(bytes: Int)
        /// Delay each chunk of response bytes.
        case slow(milliseconds: Int64)
    }

    private let lock = NSLock()
    private var _mode: Mode
    private let channel: any Channel
    public let port: Int

    public var mode: Mode {
        get { lock.withLock { _mode } }
        set { lock.withLock { _mode = newValue } }
    }

    public init(upstreamPort: Int, mode: Mode = .passThrough) async throws {
        _mode = mode
        let box = ModeBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { inbound in
                let modeNow = box.proxy?.mode ?? .passThrough
                return ClientBootstrap(group: inbound.eventLoop)
                    .connect(host: "127.0.0.1", port: upstreamPort)
                    .flatMap { upstream in
                        let toClient = ResponseForwarder(peer: inbound, mode: modeNow)
                        return upstream.pipeline.addHandler(toClient).flatMap {
                            inbound.pipeline.addHandler(RequestForwarder(peer: upstream))
                        }
                    }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        box.proxy = self
    }

    public func stop() async {
        try? await channel.close()
    }

    final class ModeBox: @unchecked Sendable {
        // Set once, before any connection is accepted.
        weak var proxy: TCPProxy?
    }

    /// Client → upstream: forwards everything.
    final class RequestForwarder: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let peer: any Channel

        init(peer: any Channel) { self.peer = peer }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            peer.close(promise: nil)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    /// Upstream → client: forwards, cuts or slows down.
    final class ResponseForwarder: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let peer: any Channel
        let mode: Mode
        var forwarded = 0
        var pending: EventLoopFuture<Void>?

        init(peer: any Channel, mode: Mode) {
            self.peer = peer
            self.mode = mode
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            switch mode {
            case .passThrough:
                peer.writeAndFlush(buffer, promise: nil)
            case .cutAfter(let limit):
                let allowed = max(0, limit - forwarded)
                if buffer.readableBytes >= allowed {
                    let head = buffer.readSlice(length: allowed) ?? ByteBuffer()
                    peer.writeAndFlush(head).whenComplete { [peer] _ in peer.close(promise: nil) }
                    context.close(promise: nil)
                } else {
                    peer.writeAndFlush(buffer, promise: nil)
                }
                forwarded += buffer.readableBytes
            case .slow(let milliseconds):
                let eventLoop = context.eventLoop
                let previous = pending ?? eventLoop.makeSucceededVoidFuture()
                let peer = self.peer
                let chunk = buffer
                pending = previous.flatMap {
                    eventLoop.scheduleTask(in: .milliseconds(milliseconds)) {
                        peer.writeAndFlush(chunk, promise: nil)
                    }.futureResult
                }
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            let peer = self.peer
            (pending ?? context.eventLoop.makeSucceededVoidFuture()).whenComplete { _ in peer.close(promise: nil) }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
