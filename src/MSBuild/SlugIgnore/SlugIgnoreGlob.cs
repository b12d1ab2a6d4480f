using System;
using System.Collections.Generic;

namespace HerokuAnalyzers.Tasks.SlugIgnore
{
    /// <summary>
    /// A .slugignore glob compiled into a small matcher of its own, never into a Regex: any text a user
    /// can write is either a valid glob or a <see cref="Problem"/> at a column, and matching costs at
    /// most pattern length × path length steps whatever the pattern (no backtracking, no timeout).
    /// Semantics follow git's wildmatch, which .gitignore uses: '*' and '?' and '[…]' never match '/',
    /// '**/' matches zero or more folders, a trailing '**' matches everything below, '\' makes the next
    /// character literal (also inside '[…]'), '[!…]' and '[^…]' negate, '[]…]' starts with a literal ']'.
    /// A glob git cannot read (an unterminated '[', a trailing '\', an unknown '[:class:]') matches
    /// nothing, as in git; a reversed range ('z-a') matches no character.
    /// </summary>
    internal sealed class SlugIgnoreGlob
    {
        private static readonly string[] PosixClasses =
        {
            "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit",
        };

        private readonly Token[] _tokens;

        private SlugIgnoreGlob(Token[] tokens, string? problem, int problemOffset)
        {
            _tokens = tokens;
            Problem = problem;
            ProblemOffset = problemOffset;
        }

        /// <summary>Why git cannot read the glob as meant, or null when it is a valid glob.</summary>
        public string? Problem { get; }

        /// <summary>0-based offset in the compiled text of the character the problem is about.</summary>
        public int ProblemOffset { get; }

        /// <summary>True when git's reading of the glob matches no path at all.</summary>
        public bool MatchesNothing => _tokens.Length == 1 && _tokens[0].Kind == TokenKind.Never;

        public static SlugIgnoreGlob Compile(string glob)
        {
            var tokens = new List<Token>();
            string? problem = null;
            var problemOffset = 0;
            for (var i = 0; i < glob.Length; i++)
            {
                var c = glob[i];
                if (c == '*')
                {
                    var run = i;
                    while (run < glob.Length && glob[run] == '*')
                    {
                        run++;
                    }

                    var starts = run - i;
                    var atSegmentStart = i == 0 || glob[i - 1] == '/';
                    var atSegmentEnd = run == glob.Length || glob[run] == '/';
                    if (starts >= 2 && atSegmentStart && run < glob.Length && glob[run] == '/')
                    {
                        // "**/": nothing, or any folders. Skip(+3) → GlobStar → '/'.
                        tokens.Add(new Token(TokenKind.Skip, skip: 3));
                        tokens.Add(new Token(TokenKind.GlobStar));
                        tokens.Add(Token.Literal('/'));
                        i = run;
                    }
                    else if (starts >= 2 && atSegmentStart && atSegmentEnd)
                    {
                        tokens.Add(new Token(TokenKind.GlobStar));
                        i = run - 1;
                    }
                    else
                    {
                        // A lone '*', or "a**b": git reads other runs of asterisks as one '*'.
                        tokens.Add(new Token(TokenKind.Star));
                        i = run - 1;
                    }
                }
                else if (c == '?')
                {
                    tokens.Add(new Token(TokenKind.AnyChar));
                }
                else if (c == '[')
                {
                    var set = ReadClass(glob, i, out var end, out var classProblem, out var classProblemOffset);
                    if (set == null)
                    {
                        // git aborts the whole match: the line removes nothing.
                        return Never(classProblem!, classProblemOffset);
                    }

                    if (classProblem != null && problem == null)
                    {
                        problem = classProblem;
                        problemOffset = classProblemOffset;
                    }

                    tokens.Add(set);
                    i = end;
                }
                else if (c == '\\')
                {
                    if (i + 1 >= glob.Length)
                    {
                        return Never("ends with a '\\', which escapes nothing: git reads such a pattern as invalid and it removes nothing", i);
                    }

                    tokens.Add(Token.Literal(glob[++i]));
                }
                else
                {
                    tokens.Add(Token.Literal(c));
                }
            }

            return new SlugIgnoreGlob(tokens.ToArray(), problem, problemOffset);
        }

        /// <summary>Whether the whole of <paramref name="subject"/> matches: an NFA walk, linear in both lengths.</summary>
        public bool IsMatch(string subject)
        {
            if (MatchesNothing)
            {
                return false;
            }

            var count = _tokens.Length;
            var current = new bool[count + 1];
            var next = new bool[count + 1];
            current[0] = true;
            Close(current);
            for (var s = 0; s < subject.Length; s++)
            {
                var c = subject[s];
                Array.Clear(next, 0, next.Length);
                var any = false;
                for (var t = 0; t < count; t++)
                {
                    if (!current[t])
                    {
                        continue;
                    }

                    var token = _tokens[t];
                    switch (token.Kind)
                    {
                        case TokenKind.Literal:
                            if (token.Char == c)
                            {
                                next[t + 1] = any = true;
                            }

                            break;
                        case TokenKind.AnyChar:
                            if (c != '/')
                            {
                                next[t + 1] = any = true;
                            }

                            break;
                        case TokenKind.Class:
                            if (c != '/' && token.ClassMatches(c))
                            {
                                next[t + 1] = any = true;
                            }

                            break;
                        case TokenKind.Star:
                            if (c != '/')
                            {
                                next[t] = any = true;
                            }

                            break;
                        case TokenKind.GlobStar:
                            next[t] = any = true;
                            break;
                    }
                }

                if (!any)
                {
                    return false;
                }

                Close(next);
                var swap = current;
                current = next;
                next = swap;
            }

            return current[count];
        }

        private static SlugIgnoreGlob Never(string problem, int offset) => new SlugIgnoreGlob(new[] { new Token(TokenKind.Never) }, problem, offset);

        /// <summary>Follows the empty moves: '*' and '**' may match nothing, Skip jumps over an optional "**/". All go forward.</summary>
        private void Close(bool[] states)
        {
            for (var t = 0; t < _tokens.Length; t++)
            {
                if (!states[t])
                {
                    continue;
                }

                switch (_tokens[t].Kind)
                {
                    case TokenKind.Star:
                    case TokenKind.GlobStar:
                        states[t + 1] = true;
                        break;
                    case TokenKind.Skip:
                        states[t + 1] = true;
                        states[Math.Min(t + _tokens[t].SkipBy, _tokens.Length)] = true;
                        break;
                }
            }
        }

        /// <summary>
        /// Reads '[…]' starting at <paramref name="open"/>. Returns null when git cannot read it (then the
        /// problem says why); a class with a reversed range is returned with a problem but still matches its other members.
        /// </summary>
        private static Token? ReadClass(string glob, int open, out int end, out string? problem, out int problemOffset)
        {
            problem = null;
            problemOffset = 0;
            end = open;
            var i = open + 1;
            var negated = false;
            if (i < glob.Length && (glob[i] == '!' || glob[i] == '^'))
            {
                negated = true;
                i++;
            }

            var ranges = new List<KeyValuePair<char, char>>();
            var classes = new List<string>();
            var first = true;
            while (true)
            {
                if (i >= glob.Length)
                {
                    problem = "has a '[' that is never closed with ']': git reads such a pattern as invalid and it removes nothing; write '\\[' for a literal bracket";
                    problemOffset = open;
                    return null;
                }

                var c = glob[i];
                if (c == ']' && !first)
                {
                    break;
                }

                first = false;
                var at = i;
                if (c == '[' && i + 1 < glob.Length && glob[i + 1] == ':')
                {
                    var close = glob.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        ranges.Add(new KeyValuePair<char, char>('[', '['));
                        i++;
                        continue;
                    }

                    var name = glob.Substring(i + 2, close - i - 2);
                    if (Array.IndexOf(PosixClasses, name) < 0)
                    {
                        problem = "names '[:" + name + ":]', which is not a character class git knows: the pattern removes nothing";
                        problemOffset = i;
                        return null;
                    }

                    classes.Add(name);
                    i = close + 2;
                    continue;
                }

                if (c == '\\')
                {
                    if (i + 1 >= glob.Length)
                    {
                        problem = "ends with a '\\' inside '[…]', which escapes nothing: git reads such a pattern as invalid and it removes nothing";
                        problemOffset = i;
                        return null;
                    }

                    c = glob[++i];
                }

                i++;
                var high = c;
                if (i + 1 < glob.Length && glob[i] == '-' && glob[i + 1] != ']')
                {
                    i++;
                    high = glob[i];
                    if (high == '\\')
                    {
                        if (i + 1 >= glob.Length)
                        {
                            problem = "ends with a '\\' inside '[…]', which escapes nothing: git reads such a pattern as invalid and it removes nothing";
                            problemOffset = i;
                            return null;
                        }

                        high = glob[++i];
                    }

                    i++;
                    if (high < c && problem == null)
                    {
                        problem = "has the range '" + c + "-" + high + "', whose ends are reversed, so it matches no character; write '" + high + "-" + c + "'";
                        problemOffset = at;
                    }
                }

                ranges.Add(new KeyValuePair<char, char>(c, high));
            }

            end = i;
            return Token.ClassOf(negated, ranges.ToArray(), classes.ToArray());
        }

        private enum TokenKind
        {
            Literal,
            AnyChar,
            Class,
            Star,
            GlobStar,
            Skip,
            Never,
        }

        private sealed class Token
        {
            public Token(TokenKind kind, int skip = 0)
            {
                Kind = kind;
                SkipBy = skip;
            }

            public TokenKind Kind { get; }

            public int SkipBy { get; }

            public char Char { get; private set; }

            private bool Negated { get; set; }

            private KeyValuePair<char, char>[] Ranges { get; set; } = new KeyValuePair<char, char>[0];

            private string[] Classes { get; set; } = new string[0];

            public static Token Literal(char c) => new Token(TokenKind.Literal) { Char = c };

            public static Token ClassOf(bool negated, KeyValuePair<char, char>[] ranges, string[] classes)
                => new Token(TokenKind.Class) { Negated = negated, Ranges = ranges, Classes = classes };

            public bool ClassMatches(char c)
            {
                var member = false;
                foreach (var range in Ranges)
                {
                    if (c >= range.Key && c <= range.Value)
                    {
                        member = true;
                        break;
                    }
                }

                if (!member)
                {
                    foreach (var name in Classes)
                    {
                        if (InPosixClass(name, c))
                        {
                            member = true;
                            break;
                        }
                    }
                }

                return member != Negated;
            }

            private static bool InPosixClass(string name, char c)
            {
                if (c > 127)
                {
                    return false;
                }

                switch (name)
                {
                    case "alnum": return char.IsLetterOrDigit(c);
                    case "alpha": return char.IsLetter(c);
                    case "blank": return c == ' ' || c == '\t';
                    case "cntrl": return char.IsControl(c);
                    case "digit": return c >= '0' && c <= '9';
                    case "graph": return c > ' ' && c < 127;
                    case "lower": return c >= 'a' && c <= 'z';
                    case "print": return c >= ' ' && c < 127;
                    case "punct": return c > ' ' && c < 127 && !char.IsLetterOrDigit(c);
                    case "space": return c == ' ' || (c >= '\t' && c <= '\r');
                    case "upper": return c >= 'A' && c <= 'Z';
                    default: return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                }
            }
        }
    }
}
