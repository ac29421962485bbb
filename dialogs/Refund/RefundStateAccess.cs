using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Refund;

/// <summary>The refund dialogs' part of the state read as if it were the state's own (<c>turn.State.Misunderstandings</c>).</summary>
public static class RefundStateAccess
{
    extension(ConversationState state)
    {
        /// <inheritdoc cref="RefundState.LastQuotedSection"/>
        public string? LastQuotedSection
        {
            get => state.Get(RefundState.Slot).LastQuotedSection;
            set => state.Get(RefundState.Slot).LastQuotedSection = value;
        }

        /// <inheritdoc cref="RefundState.Misunderstandings"/>
        public int Misunderstandings
        {
            get => state.Get(RefundState.Slot).Misunderstandings;
            set => state.Get(RefundState.Slot).Misunderstandings = value;
        }
    }
}
