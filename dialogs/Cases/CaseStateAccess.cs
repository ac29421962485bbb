using RefundBot.Dialogs.Runtime;

namespace RefundBot.Dialogs.Cases;

/// <summary>The case's part of the state read as if it were the state's own (<c>turn.State.PolicyId</c>).</summary>
public static class CaseStateAccess
{
    extension(ConversationState state)
    {
        /// <inheritdoc cref="CaseState.PolicyId"/>
        public string? PolicyId
        {
            get => state.Get(CaseState.Slot).PolicyId;
            set => state.Get(CaseState.Slot).PolicyId = value;
        }
    }
}
