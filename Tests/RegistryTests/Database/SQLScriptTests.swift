import Testing

@testable import Registry

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (note text DEFAULT 'x;y');
            /* block; comment */
            INSERT INTO a VALUES ('it''s; fine');
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
            SELECT "odd;name" FROM a
            """
        let statements = SQLScript.statements(in: script)
        #expect(statements.count == 4)
        #expect(statements[0] == "CREATE TABLE a (note text DEFAULT 'x;y')")
        #expect(statements[1] == "INSERT INTO a VALUES ('it''s; fine')")
        #expect(statements[2].hasSuffix("$body$ SELECT 1; $body$ LANGUAGE sql"))
        #expect(statements[3] == #"SELECT "odd;name" FROM a"#)
    }

    @Test func positionalParametersAreNotDollarQuotes() {
        #expect(SQLScript.statements(in: "SELECT $1; SELECT 2;").count == 2)
    }
}
