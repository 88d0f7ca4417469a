import GRDB

/// The store's schema, one migration per released version.
///
/// Policy: a migration is frozen once it has shipped. A new fm that needs another table or
/// column registers "v2", "v3" … after "v1"; it never edits "v1". An older fm that finds an
/// identifier it does not know refuses the file (`StoreError.newerSchema`) instead of writing
/// to a schema it does not understand.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createV1)
        migrator.registerMigration("v2", migrate: createV2)
        return migrator
    }

    /// Identifiers this code knows, in order.
    static var knownMigrations: [String] { migrator.migrations }

    /// v1: sessions and what each holds. Dates are REAL seconds since 2001-01-01 UTC; every
    /// child row cascades from its session (and epochs and evaluations from their model).
    @Sendable
    static func createV1(_ db: Database) throws {
        try db.create(table: "session") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("createdAt", .double).notNull()
            t.column("lastUsed", .double).notNull()
        }
        try db.create(table: "dataset") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("session", onDelete: .cascade, indexed: false).notNull()
            t.column("name", .text).notNull()
            t.column("recipe", .text).notNull()
            t.column("source", .text).notNull()
            t.column("count", .integer).notNull()
            t.column("shape", .text).notNull()            // JSON array of Int, e.g. [28,28]
            t.column("createdAt", .double).notNull()
            t.uniqueKey(["sessionId", "name"])
        }
        try db.create(table: "model") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("session", onDelete: .cascade, indexed: false).notNull()
            t.column("name", .text).notNull()
            t.column("architecture", .text).notNull()     // JSON
            t.column("compileSettings", .text)            // JSON or NULL
            t.column("weights", .blob)                    // safetensors bytes or NULL
            t.column("optimizerState", .blob)
            t.column("epochs", .integer).notNull()
            t.column("trainingSeconds", .double).notNull()
            t.column("updatedAt", .double).notNull()
            t.uniqueKey(["sessionId", "name"])
        }
        try db.create(table: "epoch") { t in
            t.belongsTo("model", onDelete: .cascade, indexed: false).notNull()
            t.column("epoch", .integer).notNull()
            t.column("seconds", .double).notNull()
            t.column("loss", .double).notNull()
            t.column("accuracy", .double).notNull()
            t.column("valLoss", .double)
            t.column("valAccuracy", .double)
            t.primaryKey(["modelId", "epoch"])
        }
        try db.create(table: "evaluation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("model", onDelete: .cascade).notNull()
            t.column("dataset", .text).notNull()
            t.column("count", .integer).notNull()
            t.column("loss", .double).notNull()
            t.column("accuracy", .double).notNull()
            t.column("createdAt", .double).notNull()
        }
        try db.create(table: "transcriptEntry") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("session", onDelete: .cascade).notNull()
            t.column("statement", .text).notNull()
            t.column("createdAt", .double).notNull()
        }
        try db.create(table: "setting") { t in
            t.belongsTo("session", onDelete: .cascade, indexed: false).notNull()
            t.column("key", .text).notNull()
            t.column("value", .text).notNull()
            t.primaryKey(["sessionId", "key"])
        }
    }

    /// v2: the results statements showed, kept in the order they happened (`note` included:
    /// a note is a result of kind "note"). `payload` is bytes the interpreter made (JSON); the
    /// store reads only `kind`, `statement` and `sequence`.
    @Sendable
    static func createV2(_ db: Database) throws {
        try db.create(table: "result") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("session", onDelete: .cascade, indexed: false).notNull()
            t.column("sequence", .integer).notNull()     // 1, 2, 3 … per session
            t.column("kind", .text).notNull()
            t.column("statement", .text).notNull()
            t.column("payload", .blob).notNull()
            t.column("createdAt", .double).notNull()
            t.uniqueKey(["sessionId", "sequence"])
        }
    }
}
