package dev.muster.health.state;

import org.springframework.jdbc.core.JdbcTemplate;

/** A table with one row per member, keyed by name: the row follows a renamed member and goes with a removed one. */
abstract class MemberKeyedTable {

    final JdbcTemplate jdbc;
    private final String deleteRow;
    private final String renameRow;

    MemberKeyedTable(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.deleteRow = "DELETE FROM " + table + " WHERE name = ?";
        this.renameRow = "UPDATE " + table + " SET name = ? WHERE name = ?";
    }

    /** Moves the old name's row to the new name, replacing any row the new name had. */
    public void rename(String oldName, String newName) {
        jdbc.update(deleteRow, newName);
        jdbc.update(renameRow, newName, oldName);
    }

    public void delete(String member) {
        jdbc.update(deleteRow, member);
    }
}
