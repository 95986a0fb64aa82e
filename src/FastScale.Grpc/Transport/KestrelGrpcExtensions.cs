using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace FastScale.Grpc.Transport;

public static class KestrelGrpcExtensions
{
    /// <summary>Adds the gRPC listener: HTTP/2 only, cleartext (prior knowledge) or mTLS per <paramref name="options"/>.</summary>
    public static void ListenGrpc(this KestrelServerOptions kestrel, GrpcListenOptions options)
    {
        var endpoint = ListenAddress.Parse(options.Listen);
        kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (!options.UsesTls)
            {
                return;
            }

            var serverCertificate = X509Certificate2.CreateFromPemFile(options.CertFile!, options.KeyFile!);
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(options.CaFile!);
            var validator = new ClientCertificateValidator(authorities);
            listen.UseHttps(https =>
            {
                https.ServerCertificate = serverCertificate;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (certificate, _, _) => validator.IsTrusted(certificate);
            });
        });
    }
}
