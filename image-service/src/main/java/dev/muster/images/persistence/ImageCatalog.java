package dev.muster.images.persistence;

import dev.muster.events.EventCodec;
import dev.muster.images.catalog.Alias;
import dev.muster.images.catalog.CatalogState;
import dev.muster.images.catalog.Image;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code images} and {@code image_aliases} tables. */
@Repository
public class ImageCatalog implements CatalogState {

    private final JdbcTemplate jdbc;
    private final JsonMapper json = EventCodec.mapper();

    public ImageCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False if an image with that fingerprint exists already. */
    public boolean add(Image image) {
        return jdbc.update(
                        """
                INSERT INTO images (fingerprint, filename, size, architecture, type, public, properties, created_at, split)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING""",
                        image.fingerprint(),
                        image.filename(),
                        image.size(),
                        image.architecture(),
                        image.type(),
                        image.isPublic(),
                        json.writeValueAsString(image.properties()),
                        Timestamp.from(image.createdAt()),
                        image.split())
                == 1;
    }

    public List<Image> all() {
        return jdbc.query("SELECT * FROM images ORDER BY fingerprint", this::image);
    }

    /** The images whose fingerprint starts with {@code prefix} (LXD resolves unique prefixes). */
    @Override
    public List<Image> withPrefix(String prefix) {
        return jdbc.query(
                "SELECT * FROM images WHERE fingerprint LIKE ? ORDER BY fingerprint",
                this::image,
                prefix.replace("%", "").replace("_", "") + "%");
    }

    /** The image with exactly this fingerprint. */
    @Override
    public Optional<Image> byFingerprint(String fingerprint) {
        return jdbc.query("SELECT * FROM images WHERE fingerprint = ?", this::image, fingerprint).stream()
                .findFirst();
    }

    public void update(String fingerprint, boolean isPublic, Map<String, String> properties) {
        jdbc.update(
                "UPDATE images SET public = ?, properties = ?::jsonb WHERE fingerprint = ?",
                isPublic,
                json.writeValueAsString(properties),
                fingerprint);
    }

    public void delete(String fingerprint) {
        jdbc.update("DELETE FROM images WHERE fingerprint = ?", fingerprint);
    }

    public List<Alias> aliases() {
        return jdbc.query(
                "SELECT name, fingerprint, description FROM image_aliases ORDER BY name", ImageCatalog::aliasRow);
    }

    public List<Alias> aliasesOf(String fingerprint) {
        return jdbc.query(
                "SELECT name, fingerprint, description FROM image_aliases WHERE fingerprint = ? ORDER BY name",
                ImageCatalog::aliasRow,
                fingerprint);
    }

    @Override
    public Optional<Alias> alias(String name) {
        return jdbc
                .query(
                        "SELECT name, fingerprint, description FROM image_aliases WHERE name = ?",
                        ImageCatalog::aliasRow,
                        name)
                .stream()
                .findFirst();
    }

    /** False if the alias exists already. */
    public boolean addAlias(Alias alias) {
        return jdbc.update(
                        "INSERT INTO image_aliases (name, fingerprint, description) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        alias.name(),
                        alias.fingerprint(),
                        alias.description())
                == 1;
    }

    /** False if an alias named {@code newName} exists already. */
    public boolean renameAlias(String name, String newName) {
        return jdbc.update("""
                UPDATE image_aliases SET name = ? WHERE name = ?
                AND NOT EXISTS (SELECT 1 FROM image_aliases WHERE name = ?)""", newName, name, newName) == 1;
    }

    public void updateAlias(String name, String fingerprint, String description) {
        jdbc.update(
                "UPDATE image_aliases SET fingerprint = ?, description = ? WHERE name = ?",
                fingerprint,
                description,
                name);
    }

    public void deleteAlias(String name) {
        jdbc.update("DELETE FROM image_aliases WHERE name = ?", name);
    }

    private static Alias aliasRow(ResultSet row, int n) throws SQLException {
        return new Alias(row.getString(1), row.getString(2), row.getString(3));
    }

    private Image image(ResultSet row, int n) throws SQLException {
        return new Image(
                row.getString("fingerprint"),
                row.getString("filename"),
                row.getLong("size"),
                row.getString("architecture"),
                row.getString("type"),
                row.getBoolean("public"),
                json.readValue(row.getString("properties"), new TypeReference<Map<String, String>>() {}),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("uploaded_at").toInstant(),
                row.getBoolean("split"));
    }
}
