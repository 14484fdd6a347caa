package dev.serviceaccounts.standalone;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;

/**
 * The H2 MVStore backend of {@code mongo-java-server}, committing the store after every write command
 * before it is acknowledged. The plain backend commits on its own schedule (about once a second), so a
 * {@code kill -9} lost the writes of the last second, events that clients had been told were stored
 * among them. Committing per write makes every acknowledged write survive the process being killed
 * (the operating system still holds the file's pages; a power cut is another matter, as for any store
 * without fsync per commit).
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "create", "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    DurableH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document result = super.handleCommand(channel, databaseName, command, query);
        if (WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT))) {
            commit();
        }
        return result;
    }
}
