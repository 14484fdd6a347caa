package dev.serviceaccounts.standalone;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of the embedded store (docs/decisions.md D40): the writes that arrive together are committed once, and
 * each one's reply goes to its client only after a commit that includes it, so an acknowledged write survives
 * {@code kill -9}.
 *
 * <p>mongo-java-server runs every command on the Netty event loop of its connection (four threads on two cores, each
 * serving many connections). A write command runs as before and takes a ticket. When no commit is running, its event
 * loop commits at once and the reply goes out as before (no thread hop: a create is some 15 writes in sequence).
 * While one is running, the loop does not wait: the reply is held in the connection's pipeline ({@link HeldReplies},
 * last outbound handler) until the committer thread has committed the store up to that ticket, then written on the
 * connection's event loop. Replies of other commands pass unless one is held before them on the same connection
 * (order is kept). Reads may see writes not committed yet
 * (as MongoDB's default read concern may); any write that follows such a read is committed after what it read.
 *
 * <p>One commit (one at a time, by an event loop or the committer): under the exclusive side of a gate that every write
 * command holds shared while it runs (so a commit never holds half a command), it notes the last ticket and starts the commit ({@link MVStore#tryCommit()}
 * takes the new version's map roots and hands their serialisation to the store's background executors; a plain
 * {@link MVStore#commit()} when another commit holds the store's lock); then, with the gate open again and the next
 * writes running, it waits until that chunk is written to the file ({@link FileStore#executeFileStoreOperation})
 * and releases the replies up to the noted ticket. When a commit fails the store is closed (MVStore's panic): held
 * replies are never sent, their connections are closed, and so are those of every later write.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final String HANDLER = "group-commit";

    private final MVStore store;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final AtomicLong issued = new AtomicLong();
    private final Queue<HeldReplies> waiting = new ConcurrentLinkedQueue<>();
    private final Thread committer;
    private volatile long committed;
    private volatile boolean failed;
    private volatile boolean running = true;

    GroupCommit(MVStore store) {
        this.store = store;
        this.committer = new Thread(this::commitLoop, "embedded-mongo-group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Runs a write command on the event loop of {@code channel}; the reply the server writes next on that channel
     * (this command's) is held until a commit includes the command, also when it failed part way.
     */
    <T> T write(Channel channel, Supplier<T> command) {
        HeldReplies replies = repliesOf(channel);
        gate.readLock().lock();
        try {
            return command.get();
        } finally {
            replies.awaiting = issued.incrementAndGet();
            gate.readLock().unlock();
            if (commitLock.tryLock()) {
                try {
                    commitPending(); // no commit running: commit here, and this reply goes out at once
                } finally {
                    commitLock.unlock();
                }
            } else {
                LockSupport.unpark(committer);
            }
        }
    }

    private HeldReplies repliesOf(Channel channel) {
        HeldReplies replies = (HeldReplies) channel.pipeline().get(HANDLER);
        if (replies == null) {
            replies = new HeldReplies();
            channel.pipeline().addLast(HANDLER, replies);
        }
        return replies;
    }

    private void commitLoop() {
        while (running) {
            if (issued.get() == committed) {
                LockSupport.park(this);
                continue;
            }
            commitLock.lock();
            try {
                commitPending();
            } finally {
                commitLock.unlock();
            }
        }
    }

    /** Under {@link #commitLock}: commits the writes not committed yet, then releases the replies that waited. */
    private void commitPending() {
        if (issued.get() == committed) {
            return;
        }
        long target = issued.get();
        if (!failed) {
            try {
                target = commitUpTo();
            } catch (RuntimeException e) {
                log.error("Committing the embedded store failed; its held replies are dropped", e);
                failed = true;
            }
        }
        committed = Math.max(committed, target);
        List<HeldReplies> due = new ArrayList<>();
        for (HeldReplies replies = waiting.poll(); replies != null; replies = waiting.poll()) {
            due.add(replies);
        }
        due.forEach(HeldReplies::releaseLater);
    }

    /** Commits everything written before the gate closed; returns the last ticket it holds once it is in the file. */
    private long commitUpTo() {
        long target;
        gate.writeLock().lock();
        try {
            target = issued.get();
            if (store.tryCommit() < 0 && store.hasUnsavedChanges()) {
                store.commit();
            }
        } finally {
            gate.writeLock().unlock();
        }
        FileStore<?> fileStore = store.getFileStore();
        if (fileStore != null) {
            fileStore.executeFileStoreOperation(() -> { });
        }
        if (store.isClosed()) {
            throw new IllegalStateException("the store is closed", store.getPanicException());
        }
        return target;
    }

    /** Stops the committer; replies still held are not sent. Call before closing the store. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(committer);
        try {
            committer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The replies of one connection that wait for a commit; used on the connection's event loop only. */
    private final class HeldReplies extends ChannelOutboundHandlerAdapter {

        private final ArrayDeque<Held> held = new ArrayDeque<>();
        private ChannelHandlerContext context;
        private long awaiting;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            context = ctx;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            long ticket = awaiting;
            awaiting = 0;
            if (held.isEmpty() && ticket <= committed && !failed) {
                ctx.write(msg, promise);
                return;
            }
            held.add(new Held(msg, promise, ticket));
            waiting.add(this);
            if (committed >= ticket) {
                release(); // the commit may have ended before this was queued
            }
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (held.isEmpty()) {
                ctx.flush();
            }
        }

        void releaseLater() {
            try {
                context.executor().execute(this::release);
            } catch (RejectedExecutionException e) {
                log.debug("Event loop shut down; held replies dropped", e);
            }
        }

        private void release() {
            if (failed) {
                held.forEach(reply -> reply.promise().tryFailure(new IllegalStateException("not committed")));
                held.clear();
                context.close();
                return;
            }
            boolean wrote = false;
            while (true) {
                long done = committed;
                while (!held.isEmpty() && held.peek().ticket() <= done) {
                    Held reply = held.poll();
                    context.write(reply.message(), reply.promise());
                    wrote = true;
                }
                if (!held.isEmpty()) {
                    waiting.add(this);
                }
                if (held.isEmpty() || committed == done) {
                    break; // else a commit ended meanwhile and may have missed this connection
                }
            }
            if (wrote) {
                context.flush();
            }
        }
    }

    private record Held(Object message, ChannelPromise promise, long ticket) {
    }
}
