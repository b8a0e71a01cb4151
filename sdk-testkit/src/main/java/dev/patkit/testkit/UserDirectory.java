package dev.patkit.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The users one fake knows, by id, and the next free numeric id for fakes whose forge numbers its
 * users. Not thread-safe: the fakes use it under their own lock.
 */
final class UserDirectory {

    private final Map<String, FakeUser> users = new LinkedHashMap<>();
    private long nextId = 1;

    /** @param id a user id @return the user, or null */
    FakeUser get(String id) {
        return users.get(id);
    }

    /** @param id a user id @return whether the user is known */
    boolean containsKey(String id) {
        return users.containsKey(id);
    }

    /** @return the next unused numeric id */
    String nextId() {
        return String.valueOf(nextId);
    }

    /**
     * Adds or replaces a user; a numeric id moves the next free id past it.
     *
     * @param user the user
     * @return the user
     */
    FakeUser add(FakeUser user) {
        users.put(user.id(), user);
        if (!user.id().isEmpty() && user.id().chars().allMatch(Character::isDigit) && user.id().length() < 18) {
            nextId = Math.max(nextId, Long.parseLong(user.id()) + 1);
        }
        return user;
    }

    /**
     * Adds or replaces a user of a fake that numbers its users.
     *
     * @param user the user, with a numeric id
     * @return the user
     * @throws IllegalArgumentException if the id is not numeric
     */
    FakeUser addNumbered(FakeUser user) {
        if (user.id().isEmpty() || !user.id().chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("this fake numbers its users: the id must be numeric");
        }
        return add(user);
    }

    /** Forgets every user and restarts the numbering. */
    void clear() {
        users.clear();
        nextId = 1;
    }
}
