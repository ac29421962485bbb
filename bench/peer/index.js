// The benchmark peer: order ID → purchase date → reason → summary, on botbuilder 4.23.3 (CloudAdapter, auth off,
// MemoryStorage, express on loopback). Same texts as RefundBot's intake so one driver checks both.
const express = require('express');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, ActivityHandler } = require('botbuilder');
const { DialogSet, WaterfallDialog, TextPrompt, DialogTurnStatus } = require('botbuilder-dialogs');

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const conversationState = new ConversationState(new MemoryStorage());
const dialogState = conversationState.createProperty('dialogState');
const dialogs = new DialogSet(dialogState);
dialogs.add(new TextPrompt('text'));
dialogs.add(new WaterfallDialog('intake', [
  async step => step.prompt('text', "What is your order ID? You'll find it in your confirmation email (for example A-12345)."),
  async step => { step.values.orderId = step.result; return step.prompt('text', 'When did you buy it? You can write a date such as 3/12/2026, or "yesterday".'); },
  async step => { step.values.date = step.result; return step.prompt('text', 'Why would you like a refund? Pick one, or tell me in your own words.'); },
  async step => {
    await step.context.sendActivity(`Here is your request:\n- Order: ${step.values.orderId}\n- Purchased on: ${step.values.date}\n- Reason: ${step.result}\n\nIs that right?`);
    return step.endDialog();
  }
]));

class PeerBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        await dc.beginDialog('intake');
      }
      await next();
    });
  }

  async run(context) {
    await super.run(context);
    await conversationState.saveChanges(context, false);
  }
}

const bot = new PeerBot();
const app = express();
app.use(express.json());
app.post('/api/messages', (req, res) => adapter.process(req, res, context => bot.run(context)));
const port = Number(process.env.PORT || 3979);
app.listen(port, '127.0.0.1', () => console.log(`peer listening on ${port}`));
