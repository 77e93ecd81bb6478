package dev.jsandbox.http;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The API keys a server accepts, each naming its client. Immutable; a server that reloads its keys swaps one
 * {@code ClientKeys} for another (see {@link SandboxApiOptions.Builder#clientKeys}).
 */
public final class ClientKeys {

    private final List<ClientKey> keys;

    private ClientKeys(List<ClientKey> keys) {
        this.keys = keys;
    }

    /**
     * The given keys.
     *
     * @throws IllegalArgumentException when two keys are equal or two clients share a name (named in the message)
     */
    public static ClientKeys of(List<ClientKey> keys) {
        Set<String> names = new HashSet<>();
        List<ClientKey> copy = List.copyOf(keys);
        for (int i = 0; i < copy.size(); i++) {
            if (!names.add(copy.get(i).name())) {
                throw new IllegalArgumentException("two keys name the client '" + copy.get(i).name() + "'");
            }
            for (int j = 0; j < i; j++) {
                if (MessageDigest.isEqual(copy.get(i).digest(), copy.get(j).digest())) {
                    throw new IllegalArgumentException("the clients '" + copy.get(j).name() + "' and '"
                            + copy.get(i).name() + "' have the same key");
                }
            }
        }
        return new ClientKeys(copy);
    }

    /** The keys, in the order given. */
    public List<ClientKey> keys() {
        return keys;
    }

    /** These keys and {@code key}. */
    ClientKeys with(ClientKey key) {
        List<ClientKey> all = new java.util.ArrayList<>(keys);
        all.add(key);
        return of(all);
    }

    /**
     * The client whose key is {@code presented}, or null. Compares with every key in constant time and without
     * stopping at a match, so response times tell nothing about the keys.
     */
    @Nullable ClientKey find(String presented) {
        byte[] digest = ClientKey.sha256(Objects.requireNonNull(presented, "presented"));
        ClientKey found = null;
        for (ClientKey key : keys) {
            if (key.matches(digest) && found == null) {
                found = key;
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "ClientKeys" + keys.stream().map(ClientKey::name).toList();
    }
}
