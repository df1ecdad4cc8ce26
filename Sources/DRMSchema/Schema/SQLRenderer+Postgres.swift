import Foundation

extension SQLRenderer {
    func postgresStatements(
        for operation: SchemaOperation, before: DatabaseSchema, after: DatabaseSchema
    ) throws -> [String] {
        switch operation {
        case .createEnum(let type):
            return ["CREATE TYPE \(quote(type.name)) AS ENUM (\(type.values.map(literal).joined(separator: ", ")))"]
        case .dropEnum(let name):
            return ["DROP TYPE \(quote(name))"]
        case .addEnumValue(let name, let value):
            return ["ALTER TYPE \(quote(name)) ADD VALUE IF NOT EXISTS \(literal(value))"]
        case .createTable(let table):
            return createTable(table, in: after)
        case .dropTable(let name):
            return ["DROP TABLE \(quote(name))"]
        case .addColumn(let table, let column):
            let definition = columnDefinition(column, in: after.table(table)!, schema: after)
            return ["ALTER TABLE \(quote(table)) ADD COLUMN \(definition)"]
        case .dropColumn(let table, let column):
            return ["ALTER TABLE \(quote(table)) DROP COLUMN \(quote(column))"]
        case .alterColumnType(let table, let columnName, let type, let cast):
            let alter = "ALTER TABLE \(quote(table)) ALTER COLUMN \(quote(columnName))"
            var statements: [String] = []
            if before.table(table)?.column(columnName)?.defaultValue != nil {
                statements.append("\(alter) DROP DEFAULT")
            }
            var change = "\(alter) TYPE \(typeName(type))"
            if let cast { change += " USING \(cast.postgres)" }
            return statements + [change]
        case .setNullable(let table, let column, let isNullable):
            let change = isNullable ? "DROP NOT NULL" : "SET NOT NULL"
            return ["ALTER TABLE \(quote(table)) ALTER COLUMN \(quote(column)) \(change)"]
        case .setDefault(let table, let columnName, let value):
            let alter = "ALTER TABLE \(quote(table)) ALTER COLUMN \(quote(columnName))"
            let column = after.table(table)!.column(columnName)!
            guard let value, let expression = defaultExpression(value, column: column, table: table) else {
                return ["\(alter) DROP DEFAULT"]
            }
            return ["\(alter) SET DEFAULT \(expression)"]
        case .createIndex(let table, let index):
            return [createIndex(index, on: table)]
        case .dropIndex(_, let name):
            return ["DROP INDEX \(quote(name))"]
        case .addUnique(let table, let unique):
            return [
                "ALTER TABLE \(quote(table)) ADD CONSTRAINT \(quote(unique.name)) UNIQUE (\(quoteList(unique.columns)))"
            ]
        case .addForeignKey(let table, let key):
            return ["ALTER TABLE \(quote(table)) ADD CONSTRAINT \(quote(key.name)) \(foreignKeyClause(key))"]
        case .addCheck(let table, let check):
            return ["ALTER TABLE \(quote(table)) ADD CONSTRAINT \(quote(check.name)) CHECK (\(checkExpression(check)))"]
        case .dropConstraint(let table, let name):
            return ["ALTER TABLE \(quote(table)) DROP CONSTRAINT \(quote(name))"]
        case .createView(let view):
            return [createView(view)]
        case .dropView(let name):
            return ["DROP VIEW \(quote(name))"]
        case .sql(let postgres, _):
            return [postgres]
        }
    }
}
