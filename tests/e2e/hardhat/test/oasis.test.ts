// What a Hardhat 3 user does against `oasis-eth dev`: compile (offline), deploy with hardhat-ethers, call, send,
// wait for receipts, read events, catch reverts as ethers and the chai matchers surface them, and drive the chain
// with hardhat-network-helpers (mine, time, snapshots, loadFixture). Runs unchanged on both networks of
// hardhat.config.ts: `npx hardhat test mocha --network oasis` (node accounts) and `--network oasisKeys` (local keys).
import { expect } from 'chai';
import { network } from 'hardhat';

const { ethers, networkHelpers, networkName } = await network.getOrCreate();
const { time } = networkHelpers;
const ONE = 10n ** 18n;

async function deployToken() {
  const [owner, other] = await ethers.getSigners();
  const token = await ethers.deployContract('Token', ['Hardhat Token', 'HHT', 1_000n * ONE]);
  await token.waitForDeployment();
  return { token, owner, other };
}

describe(`oasis-eth dev through Hardhat (${networkName})`, function () {
  it('talks to chain 31337 with two signers of the network', async function () {
    const net = await ethers.provider.getNetwork();
    expect(net.chainId).to.equal(31337n);
    const signers = await ethers.getSigners();
    expect(signers.length).to.be.greaterThanOrEqual(2);
    if (networkName === 'oasis') {
      // accounts: 'remote' — the node's own accounts, in eth_accounts order.
      const accounts: string[] = await ethers.provider.send('eth_accounts', []);
      expect(signers[0].address).to.equal(ethers.getAddress(accounts[0]));
    } else {
      // accounts: [DEV_KEYS[2], DEV_KEYS[4]]
      expect(signers[0].address).to.equal('0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC');
      expect(signers[1].address).to.equal('0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65');
    }
    expect(await ethers.provider.getBalance(signers[0].address)).to.be.greaterThan(ONE);
  });

  it('deploys, calls, sends and reads events with hardhat-ethers', async function () {
    const { token, owner, other } = await networkHelpers.loadFixture(deployToken);
    const address = await token.getAddress();
    expect(await ethers.provider.getCode(address)).to.not.equal('0x');
    expect(await token.name()).to.equal('Hardhat Token');
    expect(await token.balanceOf(owner.address)).to.equal(1_000n * ONE);

    const tx = await token.transfer(other.address, 5n * ONE);
    const receipt = await tx.wait();
    expect(receipt?.status).to.equal(1);
    expect(receipt?.blockNumber).to.equal(await ethers.provider.getBlockNumber());
    await expect(tx).to.emit(token, 'Transfer').withArgs(owner.address, other.address, 5n * ONE);
    await expect(tx).to.changeTokenBalances(ethers, token, [owner, other], [-5n * ONE, 5n * ONE]);

    const events = await token.queryFilter(token.filters.Transfer(owner.address, other.address), receipt!.blockNumber);
    expect(events.length).to.equal(1);
    expect(events[0].args.value).to.equal(5n * ONE);
    expect(events[0].transactionHash).to.equal(tx.hash);

    const fetched = await ethers.provider.getTransaction(tx.hash);
    expect(fetched?.from).to.equal(owner.address);
    const block = await ethers.provider.getBlock(receipt!.blockNumber);
    expect(block?.transactions).to.include(tx.hash);

    // Plain value transfer, with the balance change the matcher computes from receipts and gas.
    const send = owner.sendTransaction({ to: other.address, value: ONE / 4n });
    await expect(send).to.changeEtherBalances(ethers, [owner, other], [-(ONE / 4n), ONE / 4n]);
  });

  it('signs messages and EIP-712 typed data', async function () {
    // With accounts: 'remote' these are personal_sign and eth_signTypedData_v4 on the node; with keys, local.
    const [signer] = await ethers.getSigners();
    const signature = await signer.signMessage('hello from hardhat');
    expect(ethers.verifyMessage('hello from hardhat', signature)).to.equal(signer.address);
    const domain = { name: 'Permit', version: '1', chainId: 31337, verifyingContract: '0x00000000000000000000000000000000000c0c00' };
    const types = {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'amounts', type: 'uint256[]' },
        { name: 'memo', type: 'string' },
        { name: 'deadline', type: 'uint64' },
      ],
    };
    const value = { owner: signer.address, amounts: [1n, 2n ** 128n], memo: 'typed', deadline: 1_900_000_000n };
    const typed = await signer.signTypedData(domain, types, value);
    expect(ethers.verifyTypedData(domain, types, value, typed)).to.equal(signer.address);
  });

  it('surfaces a custom error, a require reason and a panic', async function () {
    const { token, owner, other } = await networkHelpers.loadFixture(deployToken);
    const emitter = await ethers.deployContract('Emitter');

    // Custom error from a sent transaction (refused at estimation) and from a static call.
    await expect(token.connect(other).transfer(owner.address, 1n))
      .to.be.revertedWithCustomError(token, 'InsufficientBalance')
      .withArgs(other.address, 0n, 1n);
    await expect(emitter.failCustom(7)).to.be.revertedWithCustomError(emitter, 'Unauthorized').withArgs(owner.address, 7n);
    // Caught by hand: hardhat-ethers passes the node's JSON-RPC error on as a ProviderError (code 3, the revert
    // data), which the contract's interface decodes.
    const caught = await emitter.failCustom.staticCall(9).then(() => null, (e: any) => e);
    expect(caught?.name).to.equal('ProviderError');
    expect(caught?.code).to.equal(3);
    expect(caught?.message).to.match(/^execution reverted/);
    const decoded = emitter.interface.parseError(caught.data);
    expect(decoded?.name).to.equal('Unauthorized');
    expect(decoded?.args[0]).to.equal(owner.address);
    expect(decoded?.args[1]).to.equal(9n);

    // Error(string) and Panic(0x12).
    await expect(emitter.failReason(11)).to.be.revertedWith('limit too high');
    const reason = await emitter.failReason.staticCall(12).then(() => null, (e: any) => e);
    expect(reason?.message).to.equal('execution reverted: limit too high');
    expect(ethers.AbiCoder.defaultAbiCoder().decode(['string'], ethers.dataSlice(reason.data, 4))[0]).to.equal('limit too high');
    await expect(emitter.failPanic(0)).to.be.revertedWithPanic(0x12);
    await expect(emitter.failReason(3)).to.not.revert(ethers);

    // A reverting transaction forced past estimation is mined with status 0 and reverts for the matcher.
    const before = await emitter.counter();
    await expect(emitter.pingOrFail(true, { gasLimit: 100_000 })).to.be.revertedWithCustomError(emitter, 'Unauthorized');
    expect(await emitter.counter()).to.equal(before);
    await expect(emitter.pingOrFail(false)).to.emit(emitter, 'Ping');
  });

  it('mines blocks and moves time with network helpers', async function () {
    expect(await ethers.provider.send('hardhat_getAutomine', [])).to.equal(true);

    const start = await time.latestBlock();
    await networkHelpers.mine();
    expect(await time.latestBlock()).to.equal(start + 1);
    const t0 = await time.latest();
    await networkHelpers.mine(5, { interval: 10 });
    expect(await time.latestBlock()).to.equal(start + 6);
    // Hardhat spaces the mined blocks by the interval (anvil also moves the first one by it).
    const stamps: number[] = [];
    for (let n = start + 2; n <= start + 6; n++) stamps.push((await ethers.provider.getBlock(n))!.timestamp);
    expect(stamps[0]).to.be.greaterThan(t0);
    expect(stamps.slice(1).map((t, i) => t - stamps[i])).to.deep.equal([10, 10, 10, 10]);
    await networkHelpers.mineUpTo(start + 8);
    expect(await time.latestBlock()).to.equal(start + 8);

    const t1 = await time.latest();
    expect(await time.increase(3600)).to.equal(t1 + 3600);
    expect(await time.latest()).to.equal(t1 + 3600);

    const target = (await time.latest()) + 1000;
    await time.increaseTo(target);
    expect(await time.latest()).to.equal(target);

    // The next mined transaction's block takes the set timestamp.
    const next = (await time.latest()) + 77;
    await time.setNextBlockTimestamp(next);
    const [owner, other] = await ethers.getSigners();
    const receipt = await (await owner.sendTransaction({ to: other.address, value: 1n })).wait();
    expect((await ethers.provider.getBlock(receipt!.blockNumber))?.timestamp).to.equal(next);

    // Automine off: a send stays pending until mined; on this node a pooled one can also be dropped (anvil answers
    // hardhat_dropTransaction with null, which the helper refuses, so there it is mined instead).
    await ethers.provider.send('evm_setAutomine', [false]);
    try {
      expect(await ethers.provider.send('hardhat_getAutomine', [])).to.equal(false);
      const pending = await owner.sendTransaction({ to: other.address, value: 2n });
      expect(await ethers.provider.getTransactionReceipt(pending.hash)).to.equal(null);
      const oasis = ((await ethers.provider.send('web3_clientVersion', [])) as string).includes('OasisEth');
      if (oasis) await networkHelpers.dropTransaction(pending.hash);
      await networkHelpers.mine();
      expect((await ethers.provider.getTransactionReceipt(pending.hash)) === null).to.equal(oasis);
      const next = await owner.sendTransaction({ to: other.address, value: 3n });
      await networkHelpers.mine();
      expect((await ethers.provider.getTransactionReceipt(next.hash))?.status).to.equal(1);
    } finally {
      await ethers.provider.send('evm_setAutomine', [true]);
    }
  });

  it('takes and restores snapshots', async function () {
    const { token, owner, other } = await networkHelpers.loadFixture(deployToken);
    const snapshot = await networkHelpers.takeSnapshot();
    const height = await ethers.provider.getBlockNumber();
    const balance = await token.balanceOf(other.address);

    await (await token.transfer(other.address, 3n * ONE)).wait();
    await networkHelpers.mine(3);
    expect(await token.balanceOf(other.address)).to.equal(balance + 3n * ONE);

    await snapshot.restore();
    expect(await ethers.provider.getBlockNumber()).to.equal(height);
    expect(await token.balanceOf(other.address)).to.equal(balance);
    // The restored chain goes on: a new transaction from the same sender is accepted and mined (nonce restored).
    await expect(token.transfer(other.address, ONE)).to.changeTokenBalance(ethers, token, other, ONE);
    await snapshot.restore(); // restore() re-takes the snapshot, so it can be used again
    expect(await token.balanceOf(other.address)).to.equal(balance);
    expect(await token.balanceOf(owner.address)).to.equal(1_000n * ONE - balance);
  });
});
