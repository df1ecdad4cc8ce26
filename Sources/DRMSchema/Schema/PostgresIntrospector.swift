import Foundation
import SQLKit

/// Reads the schema of a live PostgreSQL database (the current schema, usually `public`) from `pg_catalog`, in
/// one round trip: each kind of object is one catalog query, and one statement returns them all as JSON. Each
/// query filters on the schema's oid, found once, rather than joining `pg_namespace`, and only checks are deparsed
/// (less to plan and to run for `db check`, #13).
struct PostgresIntrospector {
    let database: any SQLDatabase

    func schema() async throws -> DatabaseSchema {
        guard let text = try await database.rows(Query.catalog).first?.decode(column: "catalog", as: String.self)
        else { return DatabaseSchema() }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Catalog.self, from: Data(text.utf8)).schema
    }

    static func unquote(_ identifier: String) -> String {
        guard identifier.hasPrefix("\""), identifier.hasSuffix("\""), identifier.count >= 2 else { return identifier }
        return String(identifier.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    enum Query {
        /// The current schema's oid, as a one-time subquery (a join on `pg_namespace` in each query cost planning).
        static let schema = "(SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())"
        /// Each kind's rows as a JSON array, in the order given, under the kind's name.
        static let catalog: String = {
            let parts = [
                ("tables", tables, "table_name"), ("columns", columns, "table_name, position"),
                ("constraints", constraints, "table_name, name"), ("indexes", indexes, "table_name, index_name"),
                ("sequences", sequences, "table_name, position"), ("triggers", triggers, "table_name, trigger_name"),
                ("enums", enums, "type_name, sort_order"), ("views", views, "position"),
            ].map { name, query, order in
                "'\(name)', (SELECT coalesce(json_agg(r ORDER BY \(order)), '[]'::json) FROM (\(query)) AS r)"
            }
            return "SELECT json_build_object(\(parts.joined(separator: ",\n")))::text AS catalog"
        }()
        static let tables = """
            SELECT c.relname::text AS table_name FROM pg_catalog.pg_class c
            WHERE c.relnamespace = \(schema) AND c.relkind IN ('r', 'p')
            """
        static let columns = """
            SELECT c.relname::text AS table_name, a.attnum::int AS position, a.attname::text AS column_name,
                   pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_sql,
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation
                        THEN pg_catalog.quote_ident(co.collname) END AS collation
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
            LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = \(schema) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            """
        static let constraints = """
            SELECT c.relname::text AS table_name, con.conname::text AS name, con.contype::text AS kind,
                   CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid) ELSE '' END AS definition,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
                         ORDER BY k.ord) AS columns,
                   COALESCE(f.relname::text, '') AS referenced_table,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
                         ORDER BY k.ord) AS referenced_columns,
                   con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
            FROM pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
            LEFT JOIN pg_catalog.pg_class f ON f.oid = con.confrelid
            WHERE c.relnamespace = \(schema) AND con.contype IN ('p', 'u', 'f', 'c')
            """
        static let indexes = """
            SELECT t.relname::text AS table_name, i.relname::text AS index_name, ix.indisunique AS is_unique,
                   am.amname::text AS method,
                   pg_catalog.pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
                   ARRAY(SELECT pg_catalog.pg_get_indexdef(ix.indexrelid, k, true)
                           || CASE WHEN ix.indcollation[k - 1] <> 0
                                    AND ix.indcollation[k - 1] <> coalesce(a.attcollation, 100)
                                   THEN ' COLLATE ' || pg_catalog.quote_ident(co.collname) ELSE '' END
                           || CASE WHEN NOT oc.opcdefault THEN ' ' || oc.opcname ELSE '' END
                           || CASE WHEN (ix.indoption[k - 1] & 1) = 1
                                   THEN ' DESC' || CASE WHEN (ix.indoption[k - 1] & 2) = 0 THEN ' NULLS LAST' ELSE '' END
                                   ELSE CASE WHEN (ix.indoption[k - 1] & 2) = 2 THEN ' NULLS FIRST' ELSE '' END END
                         FROM generate_series(1, ix.indnkeyatts) AS k
                         LEFT JOIN pg_catalog.pg_attribute a
                           ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1] AND ix.indkey[k - 1] <> 0
                         LEFT JOIN pg_catalog.pg_collation co ON co.oid = ix.indcollation[k - 1]
                         LEFT JOIN pg_catalog.pg_opclass oc ON oc.oid = ix.indclass[k - 1]
                         ORDER BY k) AS columns
            FROM pg_catalog.pg_index ix
            JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
            JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
            JOIN pg_catalog.pg_am am ON am.oid = i.relam
            WHERE t.relnamespace = \(schema) AND t.relkind IN ('r', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                              WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x'))
            """
        /// The sequence each column's default draws on, with its parameters and whether the column owns it.
        static let sequences = """
            SELECT t.relname::text AS table_name, a.attnum::int AS position, a.attname::text AS column_name,
                   s.relname::text AS sequence_name,
                   q.seqincrement AS increment, q.seqstart AS start, q.seqmin AS min_value, q.seqmax AS max_value,
                   q.seqcycle AS cycles,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_depend o
                           WHERE o.classid = 'pg_catalog.pg_class'::regclass AND o.objid = s.oid
                             AND o.refobjid = t.oid AND o.refobjsubid = a.attnum AND o.deptype = 'a') AS owned
            FROM pg_catalog.pg_attrdef ad
            JOIN pg_catalog.pg_class t ON t.oid = ad.adrelid
            JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
            JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.objid = ad.oid
              AND d.refclassid = 'pg_catalog.pg_class'::regclass
            JOIN pg_catalog.pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
            JOIN pg_catalog.pg_sequence q ON q.seqrelid = s.oid
            WHERE t.relnamespace = \(schema)
            """
        static let triggers = """
            SELECT c.relname::text AS table_name, tg.tgname::text AS trigger_name,
                   pg_catalog.pg_get_triggerdef(tg.oid, true) AS definition
            FROM pg_catalog.pg_trigger tg
            JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
            WHERE c.relnamespace = \(schema) AND NOT tg.tgisinternal
            """
        static let enums = """
            SELECT t.typname::text AS type_name, e.enumlabel::text AS label, e.enumsortorder AS sort_order
            FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
            WHERE t.typnamespace = \(schema)
            """
        /// The views in the order they were made, so that each comes after the views it reads.
        static let views = """
            SELECT c.relname::text AS view_name, pg_catalog.pg_get_viewdef(c.oid, true) AS definition,
                   c.oid::bigint AS position
            FROM pg_catalog.pg_class c
            WHERE c.relnamespace = \(schema) AND c.relkind = 'v'
            """
    }
}
