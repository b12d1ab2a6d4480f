using System;
using System.Collections.Generic;
using System.Net;

namespace HerokuAnalyzers.Hosting
{
    internal enum HostKind
    {
        /// <summary>Not known at compile time.</summary>
        Unknown,

        /// <summary>localhost, *.localhost, 127.x.x.x, [::1]: unreachable from Heroku's router.</summary>
        Loopback,

        /// <summary>0.0.0.0: every IPv4 interface, not IPv6 (Fir needs [::]).</summary>
        AnyIPv4,

        /// <summary>*, +, [::] or a host name: Kestrel binds [::] dual-stack (docs/heroku-facts.md#kestrel-binding).</summary>
        AnyInterface,

        /// <summary>Any other IP literal: one interface of the dyno.</summary>
        SpecificAddress,
    }

    /// <summary>
    /// One address of a Kestrel "urls" value, parsed the way Kestrel's AddressBinder reads it
    /// (docs/heroku-facts.md#kestrel-binding): several addresses are separated by ';'.
    /// </summary>
    internal sealed class ServerUrl
    {
        /// <summary>Stands for a part only known at run time (a hole); a private-use character no URL contains.</summary>
        public const char HoleMarker = '\uE000';

        private ServerUrl(string text, string scheme, string host, HostKind hostKind, string port)
        {
            Text = text;
            Scheme = scheme;
            Host = host;
            HostKind = hostKind;
            Port = port;
        }

        /// <summary>The address as written, holes shown as <see cref="HoleMarker"/>.</summary>
        public string Text { get; }

        public string Scheme { get; }

        public string Host { get; }

        public HostKind HostKind { get; }

        /// <summary>The port text (may contain a hole), or "" when the URL names none.</summary>
        public string Port { get; }

        /// <summary>The port written in the URL, or the scheme's default; null when not a constant.</summary>
        public int? FixedPort
        {
            get
            {
                if (Port.Length == 0)
                {
                    return string.Equals(Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
                }

                return int.TryParse(Port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : (int?)null;
            }
        }

        public static List<ServerUrl> ParseList(string rendered)
        {
            var urls = new List<ServerUrl>();
            foreach (var part in rendered.Split(';'))
            {
                var url = Parse(part.Trim());
                if (url != null)
                {
                    urls.Add(url);
                }
            }

            return urls;
        }

        public static ServerUrl? Parse(string text)
        {
            var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
            {
                return null;
            }

            var scheme = text.Substring(0, schemeEnd);
            var rest = text.Substring(schemeEnd + 3);
            string host;
            string afterHost;
            if (rest.StartsWith("[", StringComparison.Ordinal))
            {
                var close = rest.IndexOf(']');
                if (close < 0)
                {
                    return null;
                }

                host = rest.Substring(0, close + 1);
                afterHost = rest.Substring(close + 1);
            }
            else
            {
                var end = rest.IndexOfAny(new[] { ':', '/' });
                host = end < 0 ? rest : rest.Substring(0, end);
                afterHost = end < 0 ? "" : rest.Substring(end);
            }

            var port = "";
            if (afterHost.StartsWith(":", StringComparison.Ordinal))
            {
                var slash = afterHost.IndexOf('/');
                port = slash < 0 ? afterHost.Substring(1) : afterHost.Substring(1, slash - 1);
            }

            return new ServerUrl(text, scheme, host, Classify(host), port);
        }

        public static HostKind Classify(string host)
        {
            if (host.Length == 0 || host.IndexOf(HoleMarker) >= 0)
            {
                return HostKind.Unknown;
            }

            if (host == "*" || host == "+")
            {
                return HostKind.AnyInterface;
            }

            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
                || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            {
                return HostKind.Loopback;
            }

            var literal = host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal)
                ? host.Substring(1, host.Length - 2)
                : host;
            if (IPAddress.TryParse(literal, out var address))
            {
                return Classify(address);
            }

            return HostKind.AnyInterface;
        }

        public static HostKind Classify(IPAddress address)
        {
            if (IPAddress.IsLoopback(address))
            {
                return HostKind.Loopback;
            }

            if (address.Equals(IPAddress.Any))
            {
                return HostKind.AnyIPv4;
            }

            return address.Equals(IPAddress.IPv6Any) ? HostKind.AnyInterface : HostKind.SpecificAddress;
        }
    }
}
