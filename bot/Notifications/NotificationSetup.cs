using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MimeKit;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Eligibility.Loading;

namespace RefundBot.Bot.Notifications;

/// <summary>Customer e-mails and resume links: on when <c>Email:Host</c> is set.</summary>
public static class NotificationSetup
{
    /// <param name="policyContentPath">Where policy-content is read from (its notifications.yaml files hold the texts).</param>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> policyContentPath)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => !o.Enabled || (o.From is not null && MailboxAddress.TryParse(o.From, out _)),
                "Email:From must be the sender's address when Email:Host is set.")
            .Validate(o => !o.Enabled || (Uri.TryCreate(o.LinkBaseUrl, UriKind.Absolute, out var root) && root.Scheme is "https" or "http"),
                "Email:LinkBaseUrl must be the bot's public address (https://...) when Email:Host is set: resume links start with it.")
            .Validate(o => string.IsNullOrEmpty(o.User) == string.IsNullOrEmpty(o.Password), "Email:User and Email:Password go together.")
            .ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton(sp => new EmailAvailability(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Enabled)));
        services.AddSingleton(sp => new NotificationTexts(policyContentPath(sp), sp.GetRequiredService<PolicyCatalog>()));
        services.AddSingleton<ResumeTokens>();
        services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<IOutboxHandler, EmailNotificationHandler>();
        return services;
    }
}
