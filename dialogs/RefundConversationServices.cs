using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RefundBot.Dialogs.Cases;
using RefundBot.Dialogs.Contact;
using RefundBot.Dialogs.Feedback;
using RefundBot.Dialogs.Handoff;
using RefundBot.Dialogs.Payments;
using RefundBot.Dialogs.Privacy;
using RefundBot.Dialogs.Prompts;
using RefundBot.Dialogs.Recognizers;
using RefundBot.Dialogs.Refund;
using RefundBot.Dialogs.Runtime;
using RefundBot.Dialogs.Runtime.Dialogs;
using RefundBot.Dialogs.Runtime.Outbox;
using RefundBot.Dialogs.Runtime.Transcripts;
using RefundBot.Eligibility.Loading;
using RefundBot.Knowledge.Answers;
using RefundBot.Knowledge.Retrieval;

namespace RefundBot.Dialogs;

public static class RefundConversationServices
{
    /// <summary>
    /// Registers RefundBot's conversation and the turn pipeline around it. The host adds an
    /// <see cref="Runtime.Storage.IDocumentStore"/>, the <see cref="Eligibility.Loading.PolicyCatalog"/>, a
    /// <see cref="TimeProvider"/>, logging and, for proactive messages, <see cref="IReplyChannels"/>.
    /// </summary>
    public static IServiceCollection AddRefundConversation(this IServiceCollection services)
    {
        services.AddOptions<RefundBotOptions>();
        services.AddOptions<PolicyOptions>();
        services.AddSingleton(BotTexts.LoadEmbedded());
        services.AddSingleton<ReasonCatalog>();
        services.AddSingleton(IntentPhrases.LoadEmbedded());
        services.AddSingleton(sp => new OrderIdRecognizer(Options(sp).OrderIdPattern, Options(sp).OrderIdSeparator, Options(sp).OrderIdSpacedPattern));
        services.AddSingleton<IDateRecognizer>(_ => new PurchaseDateRecognizer());
        services.AddSingleton(sp => new CustomerClock(TimeZoneInfo.FindSystemTimeZoneById(Options(sp).DefaultTimeZone)));
        services.AddSingleton<CaseStore>();
        services.AddSingleton<PolicyVersions>();
        services.AddSingleton<CasePages>();
        services.AddSingleton<FactVerifier>();
        services.AddSingleton<DocumentChecker>();
        services.AddSingleton<DocumentCheckTurns>();
        services.TryAddSingleton(EmailAvailability.Off);
        services.AddSingleton<ContactOffer>();
        services.AddSingleton<ReceivedFilesReply>();
        services.TryAddSingleton(SurveyAvailability.Off);
        services.AddSingleton<SatisfactionSurvey>();
        services.AddSingleton<VerificationTurns>();
        services.AddOptions<PaymentOptions>();
        services.AddSingleton<RefundRequests>();
        services.AddSingleton<PaymentTurns>();
        services.AddSingleton<IntakeFacts>();
        services.TryAddSingleton<IFactExtractor, NoFactExtractor>();
        services.AddSingleton<ExtractedFactsChecker>();
        services.AddSingleton<PolicySelector>();
        services.AddOptions<RetrievalOptions>();
        services.AddSingleton(sp =>
        {
            var retrieval = sp.GetRequiredService<IOptions<RetrievalOptions>>().Value;
            return new PolicyIndex(sp.GetRequiredService<PolicyCatalog>(), retrieval.Embeddings ? MiniLmEmbedder.Shared : null,
                vectorCacheFile: string.IsNullOrWhiteSpace(retrieval.VectorCacheFile) ? null : retrieval.VectorCacheFile);
        });
        services.AddSingleton(sp => new ExtractiveAnswerer(sp.GetRequiredService<PolicyIndex>()));
        services.TryAddSingleton(sp => new PolicyAnswers(sp.GetRequiredService<ExtractiveAnswerer>(), sp.GetRequiredService<ILogger<PolicyAnswers>>()));
        services.TryAddSingleton<IOrderDirectory, NoOrderDirectory>();
        services.TryAddSingleton<IEscalationNotifier, NoEscalationNotifier>();
        services.AddSingleton<DecisionPresenter>();
        services.AddSingleton<CaseStatusPresenter>();
        services.AddSingleton<EarlierCases>();
        services.AddOptions<HandoffOptions>();
        services.AddSingleton<TranscriptLog>();
        services.AddSingleton<HandoffQueue>();
        services.AddSingleton<ClosedHandoffs>();
        services.AddSingleton<Escalation>();
        services.AddSingleton<AgentDecisionPresenter>();
        services.AddSingleton<HandoffTurns>();
        services.AddSingleton<HandoffDesk>();

        // Interruptions are tried in this order before the active dialog sees a message.
        services.AddSingleton<ConversationEraser>();
        services.AddSingleton<TranscriptRetention>();
        services.AddSingleton<IOutboxHandler, ErasureHandler>();
        services.AddSingleton<IOutboxHandler, ReplyDeliveryHandler>();
        services.AddSingleton<IOutboxHandler, TranscriptLinesHandler>();
        services.AddSingleton<IOutboxHandler, HandoffAnnouncementHandler>();
        services.AddSingleton<IOutboxHandler, SupportTaskAnnouncementHandler>();
        services.TryAddSingleton<IOutbox, InlineOutbox>();
        services.TryAddSingleton<ITurnEntrance, DirectTurnEntrance>();
        services.AddSingleton<IndexedPropertiesUpgrade>();
        services.AddSingleton<IInterruption, ForgetMeInterruption>();
        services.AddSingleton<IInterruption, TalkToPersonInterruption>();
        services.AddSingleton<IInterruption, CancelInterruption>();
        services.AddSingleton<IInterruption, StartOverInterruption>();
        services.AddSingleton<IInterruption, HelpInterruption>();
        services.AddSingleton<IInterruption, ClosingInterruption>();
        services.AddSingleton<IInterruption, FileHowToInterruption>();
        services.AddSingleton<IInterruption, LanguageSwitchInterruption>();
        services.AddSingleton<IInterruption, UpsetCustomerInterruption>();
        services.AddSingleton<IInterruption, GuardInterruption>();
        services.AddSingleton<IInterruption, CaseStatusInterruption>();
        services.AddSingleton<IInterruption, DecisionFollowUpInterruption>();
        services.AddSingleton<IInterruption, OriginalTextInterruption>();
        services.AddSingleton<IInterruption, ContactQuestionInterruption>();
        services.AddSingleton<IInterruption, PolicyQuestionInterruption>();

        services.AddSingleton(sp => new DialogSet()
            .Add(new RefundIntakeDialog(
                sp.GetRequiredService<ReasonCatalog>(), sp.GetRequiredService<CaseStore>(),
                sp.GetRequiredService<PolicySelector>(), sp.GetRequiredService<IOrderDirectory>(), sp.GetRequiredService<IntakeFacts>(),
                sp.GetRequiredService<Escalation>(), sp.GetRequiredService<EarlierCases>()))
            .AddAll(RefundIntakeDialog.Prompts(
                sp.GetRequiredService<OrderIdRecognizer>(), sp.GetRequiredService<IDateRecognizer>(), sp.GetRequiredService<CustomerClock>(),
                sp.GetRequiredService<ReasonCatalog>()))
            .Add(new EligibilityDialog(
                sp.GetRequiredService<PolicySelector>(), sp.GetRequiredService<CaseStore>(), sp.GetRequiredService<DecisionPresenter>(),
                sp.GetRequiredService<Escalation>(), sp.GetRequiredService<IntakeFacts>(), sp.GetRequiredService<ContactOffer>(),
                sp.GetRequiredService<SatisfactionSurvey>(), sp.GetRequiredService<RefundRequests>(), sp.GetRequiredService<CustomerClock>()))
            .AddAll(EligibilityDialog.Prompts(sp.GetRequiredService<IDateRecognizer>(), sp.GetRequiredService<CustomerClock>(), sp.GetRequiredService<ReasonCatalog>()))
            .Add(new TroubleshootingDialog(
                sp.GetRequiredService<PolicySelector>(), sp.GetRequiredService<CaseStore>(), sp.GetRequiredService<CustomerClock>(), sp.GetRequiredService<ContactOffer>()))
            .Add(new ChoicePrompt(TroubleshootingDialog.StepPrompt)));
        services.AddSingleton<FollowUpScheduler>();
        services.AddSingleton<IConversationBot, RefundConversation>();
        services.AddSingleton<TurnProcessor>();
        return services;
    }

    private static RefundBotOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<RefundBotOptions>>().Value;
}
