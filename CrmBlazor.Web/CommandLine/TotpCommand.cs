using CrmBlazor.Data.Identity;
using CrmBlazor.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace CrmBlazor.Web.CommandLine;

/// <summary>
/// <c>totp EMAIL</c>: prints the authenticator code a user's app shows right now, for the demo
/// admin (whose key is published in the README) and for an operator who has the database anyway.
/// </summary>
public static class TotpCommand
{
    public static string Parse(CliArguments options)
    {
        if (options.Positional.Count != 1) throw new CliUsageException("totp needs exactly one user e-mail: totp admin@crm.demo");
        options.EnsureAllUsed();
        return options.Positional[0];
    }

    public static async Task<int> RunAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            Console.Error.WriteLine($"error: no user {email}");
            return 1;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || !await users.GetTwoFactorEnabledAsync(user))
        {
            Console.Error.WriteLine($"error: {email} has not set up two-factor sign-in");
            return 1;
        }
        Console.WriteLine(AuthenticatorCode.Compute(key, services.GetRequiredService<TimeProvider>().GetUtcNow()));
        return 0;
    }
}
