package dev.upbook.spec.model;

import java.util.List;

/**
 * The type of a key or a step parameter in the language model. One type system serves the
 * loader (type errors), the JSON Schema and the reference docs.
 */
public sealed interface Type {

    /** How the type reads in messages and docs, e.g. "a list of step". */
    String describe();

    /** A free string. {@code templated} strings may contain Jinja templates. */
    record Str(boolean templated) implements Type {
        public String describe() {
            return templated ? "template string" : "string";
        }
    }

    /**
     * A secret such as a password: it must be written as a template naming a secret input
     * ({@code {{ inputs.db_password }}}), so its value never stands in the playbook and is masked
     * wherever it is shown.
     */
    record Secret() implements Type {
        public String describe() {
            return "secret (a {{ inputs.NAME }} of a secret input)";
        }
    }

    record Int(long min, long max) implements Type {
        public String describe() {
            return "integer";
        }
    }

    record Bool() implements Type {
        public String describe() {
            return "boolean";
        }
    }

    /** A duration such as {@code 30s}, {@code 10m}, {@code 1h30m}. */
    record Duration() implements Type {
        public String describe() {
            return "duration";
        }
    }

    /** A lower-case identifier: {@code [a-z][a-z0-9_-]*}. */
    record Id() implements Type {
        public String describe() {
            return "id";
        }
    }

    /** A version in the playbook's scheme. */
    record Version() implements Type {
        public String describe() {
            return "version";
        }
    }

    /** A version range in the playbook's scheme (a single version is a range too). */
    record Range() implements Type {
        public String describe() {
            return "version range";
        }
    }

    /** A Jinja expression without braces, evaluated to true or false ({@code when}). */
    record Expression() implements Type {
        public String describe() {
            return "expression";
        }
    }

    record Enum(List<String> values) implements Type {
        public Enum {
            values = List.copyOf(values);
        }

        public String describe() {
            return "one of " + String.join(", ", values);
        }
    }

    record ListOf(Type item) implements Type {
        public String describe() {
            return "list of " + item.describe();
        }
    }

    /** A mapping from names (ids) to values of one type. */
    record MapOf(Type value) implements Type {
        public String describe() {
            return "mapping of name to " + value.describe();
        }
    }

    /** An object described by the {@link ObjectSpec} of that name in {@link Language}. */
    record Ref(String object) implements Type {
        public String describe() {
            return object;
        }
    }

    /** Any YAML value (e.g. an input default, free-form step parameters). */
    record Any() implements Type {
        public String describe() {
            return "any value";
        }
    }

    /** One of several shapes, e.g. a string or a list of strings. */
    record OneOf(List<Type> options) implements Type {
        public OneOf {
            options = List.copyOf(options);
        }

        public String describe() {
            return String.join(" or ", options.stream().map(Type::describe).toList());
        }
    }

    static Str string() {
        return new Str(false);
    }

    static Str template() {
        return new Str(true);
    }

    static Int nonNegative() {
        return new Int(0, Integer.MAX_VALUE);
    }
}
